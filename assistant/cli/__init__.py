"""The `desk` command (Typer): one module per command group, output.py shared by all."""

from assistant.cli.language import settle_language

# Before the commands are built: their help is written in DESK_LANGUAGE too.
settle_language()

from assistant.cli.app import app, main  # noqa: E402

__all__ = ["app", "main"]
