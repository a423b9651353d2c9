"""`desk sleeping` and `desk tasks create|show|list` (R23-R25)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant import formats
from assistant.cli.output import JsonFlag, acting, open_services, parse_date, read_json, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.outbound.labels import TASK_CLIENT_STATUS, YES_NO, label

tasks_app = typer.Typer(help=_("Call tasks the head of sales gives operators (R24, R25)."))
SLEEPING_HELP = _("Clients silent for much longer than they usually are, most valuable first.")


def sleeping(
    client_type: Annotated[
        str | None, typer.Option("--type", help=_("Only clients of this type."))
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help=_("As on this day, YYYY-MM-DD (default: today)."))
    ] = None,
    factor: Annotated[
        float | None,
        typer.Option(help=_("Silent for more than this many usual intervals (default 2).")),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Clients silent for much longer than they usually are, most valuable first."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> list[dict[str, Any]]:
        day = parse_date(as_of, "--as-of")
        found = services.sleepers.list(
            actor=actor, client_type=client_type, as_of=day, factor=factor
        )
        return [s.as_dict() for s in found]

    run(as_json, work, _sleepers_text)


def _sleepers_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _("No sleeping clients.")
    return "\n".join(
        _("{client}: {reason}; used to bring {value} a month").format(
            client=r["client"], reason=r["reason"], value=formats.money(r["monthly_value"])
        )
        for r in rows
    )


@tasks_app.command("create", help=_("Give a call task from a JSON file (see README)."))
def tasks_create(
    file: Annotated[Path, typer.Argument(help=_("The task as JSON (see README)."))],
    as_json: JsonFlag = False,
) -> None:
    """Give a call task from a JSON file (see README)."""
    from assistant.outbound.task_spec import TaskSpec

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        data = read_json(file)
        try:
            task_id = services.tasks.create(TaskSpec.from_json(data), actor=actor)
        except DeskError as err:
            raise _in_file(err, file) from None
        return services.tasks.show(task_id, actor=actor)

    run(as_json, work, _task_text)


def _in_file(err: DeskError, file: Path) -> DeskError:
    """Each problem said as file:field: message, as an editor points at it."""
    for problem in err.problems:
        if problem.field:
            problem.message = f"{file.name}:{problem.field}: {problem.message}"
    return err


@tasks_app.command("show", help=_("One task: each client's call, the survey tabulated."))
def tasks_show(task_id: int, as_json: JsonFlag = False) -> None:
    """One task: each client's call, the survey tabulated."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.tasks.show(task_id, actor=actor), _task_text)


@tasks_app.command("list", help=_("Every call task with its counts, newest first."))
def tasks_list(as_json: JsonFlag = False) -> None:
    """Every call task with its counts, newest first."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.tasks.summaries(actor=actor), _tasks_text)


def _counts(task: dict[str, Any]) -> str:
    c = task["counts"]
    return _("{clients} clients: {done} done, {unreachable} unreachable, {pending} to call").format(
        **c
    )


def _tasks_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _("No call tasks yet.")
    return "\n".join(f"#{t['id']} {t['title']} - {_counts(t)}" for t in rows)


def _task_text(task: dict[str, Any]) -> str:
    out = [f"#{task['id']} {task['title']}", task["purpose"], _counts(task)]
    out.append(_("Sleepers who ordered again: {n}").format(n=task["reactivated"]))
    for c in task["clients"]:
        status = label(TASK_CLIENT_STATUS, c["status"])
        out.append(f"  {c['client']} {c['name']} - {c['operator']}: {status}")
    for q in task["questions"]:
        out.append(f"{q['position']}. {q['text']}")
        if "counts" in q:
            out += [f"   {label(YES_NO, k)}: {v}" for k, v in q["counts"].items()]
        elif "mean" in q:
            out.append(f"   {q['mean']} ({q['min']}-{q['max']})")
        else:
            out += [f"   - {t}" for t in q["texts"]]
    return "\n".join(out)
