"""`desk script`: check a call script file, and show the path it gives one call."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.calls.compliance import shown_offers
from assistant.calls.script_path import parse_draft, progress_of, script_path
from assistant.cli.output import JsonFlag, open_services, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.i18n.texts import TextFileError
from assistant.script.check import check as check_script
from assistant.script.loader import ScriptFileError, load
from assistant.script.shipped import shipped

script_app = typer.Typer(help=_("The call script: check a file, show a call's path."))


@script_app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help=_("The call script YAML file."))],
) -> None:
    """Check a call script: every error with its file, line and fix; exit 1 on any."""
    try:
        problems = [str(p) for p in check_script(load(file))]
    except (OSError, ScriptFileError) as exc:
        problems = [str(exc)]
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(_("{path}: no errors").format(path=file))


@script_app.command("show")
def show(
    query: Annotated[str, typer.Argument(help=_("Phone (any format), client code or name."))],
    purpose: Annotated[str, typer.Option(help=_("order, info, complaint or other."))] = "order",
    draft: Annotated[str, typer.Option(help=_("The draft order: SKU:QTY,... (no QTY: 1)."))] = "",
    as_json: JsonFlag = False,
) -> None:
    """The script's path for this caller, with each step's words and state."""
    services = open_services(as_json=as_json)

    def work() -> dict[str, Any]:
        try:
            lines = parse_draft(draft)
        except ValueError as exc:
            raise DeskError(str(exc), field="draft") from exc
        try:
            chosen = shipped()
        except (TextFileError, ScriptFileError) as exc:
            raise DeskError(str(exc)) from exc
        card = services.cards.card(query=query, purpose=purpose, draft_skus=list(lines))
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
