"""`desk train`: check a scenario file, list the shipped scenarios, play one headless."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.simulator.actions import BadActions
from assistant.simulator.player import play, read_actions
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


@train_app.command("run")
def run_(
    scenario_id: Annotated[str, typer.Argument(help=_("The scenario's id."))],
    actions: Annotated[
        Path, typer.Option("--actions", help=_("The trainee's actions: one JSON object a line."))
    ],
    language: Annotated[str, typer.Option(help=_("The scenario's language (hr or en)."))] = "hr",
    as_json: JsonFlag = False,
) -> None:
    """Play a scenario headless against a fresh sandbox and print the score."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        try:
            text = actions.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadActions(
                _("Cannot read the actions file {path}: {error}").format(path=actions, error=exc)
            ) from exc
        played = read_actions(text)
        return play(
            settings=services.settings,
            scenario_id=scenario_id,
            language=_language(language) or "hr",
            actions=played,
            user=actor.name if actor.name != "system" else "cli",
        )

    run(as_json, work, _scorecard)


def _scorecard(result: dict[str, Any]) -> str:
    rows = [
        _("{scenario}: score {score} ({seconds} s)").format(
            scenario=result["scenario"], score=result["score"], seconds=result["seconds"]
        )
    ]
    for rule in result["rules"]:
        mark = "✓" if rule["passed"] else "✗"
        rows.append(f"{mark} {rule['requirement']}: {rule['feedback']}")
        if rule["source"]:
            rows.append(f"    {rule['source']['doc']}")
    return "\n".join(rows)
