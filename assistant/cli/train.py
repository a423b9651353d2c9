"""`desk train`: check a scenario file, list the shipped scenarios, play one headless."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.training.check import check as check_scenario
from assistant.training.scenario import scenarios as shipped

train_app = typer.Typer(help=_("Training: scenarios for trainees, checked and played headless."))


@train_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help=_("The scenario YAML file."))],
) -> None:
    """Check a training scenario: every error with its file, line and fix; exit 1 on any."""
    try:
        problems = check_scenario(file.read_text(encoding="utf-8"), file)
    except (OSError, UnicodeDecodeError) as exc:
        problems = [str(exc)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(_("{path}: no errors").format(path=file))


def _language(language: str | None) -> str | None:
    if language is not None and language not in LANGUAGES:
        raise DeskError(
            _("No scenario language {language!r}: use one of {languages}.").format(
                language=language, languages=", ".join(LANGUAGES)
            ),
            field="language",
        )
    return language


@train_app.command("scenarios")
def scenarios(
    language: Annotated[str | None, typer.Option(help=_("Only this language (hr or en)."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """The shipped training scenarios: id, title, the rules scored, the client and its order."""
    run(as_json, lambda: [s.listing() for s in shipped(_language(language))], _listing)


def _listing(result: list[dict[str, Any]]) -> str:
    if not result:
        return _("No training scenarios.")
    return "\n".join(
        f"{s['id']}  {s['language']}  {s['client'] or '-'}  {','.join(s['rules'])}  {s['title']}"
        for s in result
    )
