"""`desk script`: check and activate a call script file, its history, and one call's path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.calls.compliance import shown_offers
from assistant.calls.script_path import parse_draft, progress_of, script_path
from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.i18n.texts import TextFileError
from assistant.script.check import validate
from assistant.script.loader import ScriptFileError

script_app = typer.Typer(
    help=_("The call script: check and activate a file, its history, a call's path.")
)


@script_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help=_("The call script YAML file."))],
) -> None:
    """Check a call script: every error with its file, line and fix; exit 1 on any."""
    try:
        problems = [str(p) for p in validate(file.read_text(encoding="utf-8"), file)[1]]
    except (OSError, UnicodeDecodeError) as exc:
        problems = [str(exc)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(_("{path}: no errors").format(path=file))


@script_app.command("activate")
def activate(
    file: Annotated[Path, typer.Argument(help=_("The call script YAML file."))],
    as_json: JsonFlag = False,
) -> None:
    """Check a call script and make it the version in force; an invalid one is refused whole."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.scripts.activate_file(file, actor=actor).as_dict(), _activated)


@script_app.command("history")
def history(
    language: Annotated[str | None, typer.Option(help=_("Only this language (hr or en)."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """Every activated version of the call script, newest first."""
    services = open_services(as_json=as_json)

    def work() -> list[dict[str, Any]]:
        if language is not None and language not in LANGUAGES:
            raise DeskError(
                _("No script language {language!r}: use one of {languages}.").format(
                    language=language, languages=", ".join(LANGUAGES)
                ),
                field="language",
            )
        return [v.as_dict() for v in services.scripts.history(language)]

    run(as_json, work, _history)


def _activated(result: dict[str, Any]) -> str:
    if result["unchanged"]:
        return _("Version {version} ({language}) is already in force: nothing changed.").format(
            version=result["version"], language=result["language"]
        )
    return _("Version {version} ({language}) is now in force, activated by {by}.").format(
        version=result["version"], language=result["language"], by=result["activated_by"]
    )


def _history(result: list[dict[str, Any]]) -> str:
    if not result:
        return _("No version activated yet: the desk follows the shipped script.")
    return "\n".join(
        f"{v['id']}  {v['version']}  {v['language']}  {v['activated_at']}  "
        f"{v['activated_by']}  {v['file_name']}"
        for v in result
    )


@script_app.command("show")
def show(
    query: Annotated[str, typer.Argument(help=_("Phone (any format), client code or name."))],
    purpose: Annotated[str, typer.Option(help=_("order, info, complaint or other."))] = "order",
    draft: Annotated[str, typer.Option(help=_("The draft order: SKU:QTY,... (no QTY: 1)."))] = "",
    as_json: JsonFlag = False,
) -> None:
    """The script's path for this caller, with each step's words and state."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        try:
            lines = parse_draft(draft)
        except ValueError as exc:
            raise DeskError(str(exc), field="draft") from exc
        try:
            chosen = services.scripts.active()
        except (TextFileError, ScriptFileError) as exc:
            raise DeskError(str(exc)) from exc
        card = services.cards.card(
            query=query, actor=actor, purpose=purpose, draft_skus=list(lines)
        )
        # No call behind it: only what the card and the draft show counts as done.
        progress, _checks = progress_of(
            chosen.value, card, lines, offered=shown_offers(card.offers), answered={}, details=None
        )
        steps = script_path(chosen.value, card, lines, purpose, chosen.language, progress)
        return {
            "version": chosen.value.version,
            "language": chosen.language,
            "notice": chosen.notice,
            "steps": steps,
        }

    run(as_json, work, _text)


def _text(result: dict[str, Any]) -> str:
    marks = {"todo": "[ ]", "done": "[x]", "skipped": "[-]", "n/a": " · "}
    lines = [_("Script version {version}").format(version=result["version"])]
    if result["notice"]:
        lines.append(result["notice"])
    for step in result["steps"]:
        requirement = f" ({step['requirement']})" if step["requirement"] else ""
        lines.append(f"{marks[step['state']]} {step['id']}{requirement}: {step['say']}")
    return "\n".join(lines)
