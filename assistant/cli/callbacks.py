"""`desk callbacks list`: the website's call-back requests, the next to call first (R22)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.i18n import _

callbacks_app = typer.Typer(help=_("Call-backs asked for on the website."), no_args_is_help=True)

# The keys of each printed request (the queue item has more; these are the promised ones).
FIELDS = (
    "id", "request_id", "name", "phone", "company", "topic", "window_from", "window_to",
    "status", "attempts", "overdue", "client",
)  # fmt: skip


@callbacks_app.command("list", help=_("The call-back queue, by requested window."))
def callbacks_list(
    status: Annotated[str, typer.Option(help=_("open, done, unreachable, or all."))] = "open",
    as_json: JsonFlag = False,
) -> None:
    """The call-back queue, by requested window."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> list[dict[str, Any]]:
        items = services.callbacks.queue(actor=actor, status=status)
        return [{k: v for k, v in i.as_dict().items() if k in FIELDS} for i in items]

    run(as_json, work, _rows)


def _rows(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _("No call-backs match.")
    lines = []
    for r in rows:
        flag = _("OVERDUE") + "  " if r["overdue"] else ""
        lines.append(
            f"{r['id']}  {flag}{r['window_from']}–{r['window_to']}  {r['name']}  {r['phone']}"
            f"  {r['client'] or '-'}  {r['status']} ({r['attempts']})"
        )
    return "\n".join(lines)
