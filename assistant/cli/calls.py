"""`desk calls list`: the call log (R1)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.i18n import _

calls_app = typer.Typer(help=_("The call log (R1)."), no_args_is_help=True)


@calls_app.command("list", help=_("The call log, newest first, with offers made and accepted."))
def calls_list(
    client: Annotated[str | None, typer.Option(help=_("Only this client's calls."))] = None,
    operator: Annotated[str | None, typer.Option(help=_("Only this operator's calls."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """The call log, newest first, with offers made and accepted."""
    from assistant.calls.service import CallFilter

    services = open_services(as_json=as_json)
    where = CallFilter(client_code=client, operator=operator)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.calls.list(where=where, actor=actor), text.calls)


@calls_app.command("show", help=_("One call: offers, outcome, and the script it followed."))
def calls_show(
    call_id: Annotated[int, typer.Argument(help=_("The call's id (desk card prints it)."))],
    as_json: JsonFlag = False,
) -> None:
    """One call: offers, outcome, and the script it followed."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.calls.show(call_id, actor=actor), _call_text)


@calls_app.command("answer", help=_("Record the client's answer to an item offered in a call."))
def calls_answer(
    call_id: Annotated[int, typer.Argument(help=_("The call's id (desk card prints it)."))],
    sku: Annotated[str, typer.Argument(help=_("The offered item's SKU."))],
    accepted: Annotated[
        bool | None,
        typer.Option("--accepted/--declined", help=_("The client took the item, or declined it.")),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Record the client's answer to an item offered in a call (R12)."""
    from assistant.errors import DeskError

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        if accepted is None:
            raise DeskError(_("Say the answer: --accepted or --declined."), field="accepted")
        services.calls.answer_offer(call_id=call_id, sku=sku, accepted=accepted, actor=actor)
        return {"call_id": call_id, "sku": sku, "accepted": accepted}

    def said(result: dict[str, Any]) -> str:
        if result["accepted"]:
            return _("Call {call_id}: {sku} accepted.").format(**result)
        return _("Call {call_id}: {sku} declined.").format(**result)

    run(as_json, work, said)


def _call_text(call: dict[str, Any]) -> str:
    lines = [text.calls([call])]
    if call.get("script_version"):
        lines.append(_("Script version {version}").format(version=call["script_version"]))
    for requirement, state in (call.get("compliance") or {}).items():
        reason = (call.get("skipped") or {}).get(requirement)
        lines.append(f"  {requirement}: {state}" + (f" ({reason})" if reason else ""))
    return "\n".join(lines)
