"""`desk report`: the head of sales' figures for a period (R26-R27)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.formats import day, money, number
from assistant.i18n import _

HELP = _("The figures of a period: calls, orders, offers, script, transfers, call-backs.")


def report(
    date_from: Annotated[
        str, typer.Option("--from", help=_("The first day of the period (YYYY-MM-DD)."))
    ],
    date_to: Annotated[
        str, typer.Option("--to", help=_("The last day of the period (YYYY-MM-DD)."))
    ],
    operator: Annotated[
        str | None, typer.Option("--operator", help=_("Only this operator's figures."))
    ] = None,
    client_type: Annotated[
        str | None, typer.Option("--type", help=_("Only clients of this type."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Print the figures; a bad date or a reversed period exits 1 with what to fix."""
    from assistant.reports.period import ReportFilter, parse_day

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        where = ReportFilter(
            parse_day(date_from, "--from"),
            parse_day(date_to, "--to"),
            operator=(operator or "").strip() or None,
            client_type=(client_type or "").strip() or None,
        )
        return services.reports.figures(where=where, actor=actor).as_dict()

    run(as_json, work, _text)


def _text(got: dict[str, Any]) -> str:
    offers, callbacks = got["offers"], got["callbacks"]
    lines = [
        _("Figures from {start} to {end}").format(
            start=day(date.fromisoformat(got["from"])), end=day(date.fromisoformat(got["to"]))
        ),
        _("Calls: {n}").format(n=number(got["calls"])),
        _("Orders: {n}, worth {value} (on average {avg}, {lines} lines)").format(
            n=number(got["orders"]),
            value=money(got["order_value"]),
            avg=money(got["avg_order_value"]),
            lines=number(got["avg_lines"]),
        ),
        _("Offers: {made} made, {accepted} accepted").format(
            made=number(offers["made"]), accepted=number(offers["accepted"])
        ),
        _("Orders refused for debt: {n}").format(n=number(got["refused_for_debt"])),
        _("Call-backs: {received} received, {answered} answered within their window").format(
            received=number(callbacks["received"]), answered=number(callbacks["answered_in_window"])
        ),
        _("Sleeping clients reactivated: {n} of {called} called").format(
            n=number(got["reactivated"]), called=number(got["sleeping_called"])
        ),
    ]
    for title, counts in [
        (_("Transfers by reason:"), got["transfers"]),
        (_("Script steps skipped:"), got["skipped_steps"]),
        (_("Feedback open, by department:"), got["feedback_open"]),
    ]:
        lines.append(title)
        lines += [f"  {number(n):>6}  {name}" for name, n in counts.items()] or ["  -"]
    return "\n".join(lines)
