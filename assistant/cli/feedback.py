"""`desk feedback list` and `desk feedback answer`: departments' feedback (R20)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.i18n import _

feedback_app = typer.Typer(
    help=_("Clients' comments for departments, and the departments' answers (R20)."),
    no_args_is_help=True,
)


@feedback_app.command("list", help=_("The feedback queue, oldest first (heads and admins)."))
def feedback_list(
    department: Annotated[
        str | None, typer.Option(help=_("Only this department's items (its code)."))
    ] = None,
    status: Annotated[
        str | None, typer.Option(help=_("open, new, in_progress or answered."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The feedback queue, oldest first."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> list[dict[str, Any]]:
        items = services.feedback.queue(actor=actor, department=department, status=status)
        return [item.as_dict() for item in items]

    run(as_json, work, _rows)


@feedback_app.command("answer", help=_("Answer a feedback item for its department."))
def feedback_answer(
    item_id: Annotated[int, typer.Argument(help=_("The item's number (desk feedback list)."))],
    answer_text: Annotated[
        str, typer.Option("--text", help=_("The department's answer, told the client."))
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """Answer a feedback item; the operator tells the client on its next call."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(
        as_json,
        lambda: services.feedback.answer(item_id, text=answer_text, actor=actor).as_dict(),
        lambda item: _("Item {id} answered.").format(id=item["id"]),
    )


def _rows(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _("No feedback items match.")
    return "\n".join(
        f"{r['id']:>5}  {r['created_at'][:10]}  {r['department']:<12} {r['status']:<12} "
        f"{r['client'] or '-':<10} {r['text']}"
        for r in rows
    )
