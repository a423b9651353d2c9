"""`desk audit list`: who changed what, and who was refused (heads and admins)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, parse_date, run
from assistant.i18n import _

audit_app = typer.Typer(
    help=_("The audit log of changes and refused attempts."), no_args_is_help=True
)


@audit_app.command("list", help=_("Audit rows, newest first."))
def audit_list(
    since: Annotated[str | None, typer.Option(help=_("From this day on (YYYY-MM-DD)."))] = None,
    user: Annotated[str | None, typer.Option(help=_("Only this user's rows."))] = None,
    action: Annotated[
        str | None, typer.Option(help=_("Only this action, e.g. order.place."))
    ] = None,
    limit: Annotated[int, typer.Option(help=_("At most this many rows."))] = 500,
    as_json: JsonFlag = False,
) -> None:
    """Audit rows, newest first."""
    from assistant.auth.audit import AuditFilter

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> list[dict[str, Any]]:
        where = AuditFilter(
            since=parse_date(since, "--since"), user=user, action=action, limit=limit
        )
        return services.audit.list(actor=actor, where=where)

    run(as_json, work, _rows)


def _rows(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _("No audit rows match.")
    return "\n".join(
        f"{r['at']}  {r['actor']}  {r['action']}  {r['object'] or ''}  {r['outcome']}" for r in rows
    )
