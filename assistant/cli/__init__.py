"""The `desk` command (Typer): one module per command group, output.py shared by all."""

from assistant.cli.app import app, main

__all__ = ["app", "main"]
