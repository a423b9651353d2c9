"""`desk card`: the client card, and the call registered with the offers it showed (R1)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.calls.say import after_card
from assistant.cli import text
from assistant.cli.output import JsonFlag, open_services, parse_date, run
from assistant.i18n import _
from assistant.services import Services

HELP = _("The client card: who is calling, route, credit, price column and offers.")


def card(
    query: Annotated[str, typer.Argument(help=_("Phone (any format), client code or name."))],
    purpose: Annotated[str, typer.Option(help=_("order, info, complaint or other."))] = "order",
    draft: Annotated[str, typer.Option(help=_("SKUs already in the order, comma-separated."))] = "",
    as_of: Annotated[str | None, typer.Option(help=_("Evaluate as of YYYY-MM-DD."))] = None,
    record: Annotated[bool, typer.Option(help=_("Register the call and its offers (R1)."))] = True,
    operator: Annotated[str | None, typer.Option(help=_("Who takes the call."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """The client card: who is calling, route, credit, price column and offers."""
    services = open_services(as_json=as_json)

    def work() -> dict[str, Any]:
        day = parse_date(as_of, "--as-of")
        skus = [s.strip() for s in draft.split(",") if s.strip()]
        found = services.cards.card(query=query, purpose=purpose, draft_skus=skus, as_of=day)
        out = found.as_dict()
        said = after_card(found, services.phrases)
        # Prose like the reasons: in DESK_LANGUAGE, with the language it is in for machines.
        out["say"] = {"line": said.value, "language": said.language, "notice": said.notice}
        if record:
            out["call_id"] = register_call(services, found.as_dict(), query, purpose, operator)
        return out

    run(as_json, work, text.card)


def register_call(
    services: Services, card: dict[str, Any], query: str, purpose: str, operator: str | None
) -> int:
    """Log the call and every item the card offered; returns the call id."""
    client = services.directory.by_code(card["client"]["code"]) if card["client"] else None
    phone = services.directory.normalise(query) or (card["client"] or {}).get("phone")
    call_id = services.calls.start(
        operator=operator or services.settings.operator,
        phone=phone,
        client_id=client.id if client else None,
        purpose=purpose,
    )
    # Each item carries its kind ("addon"); the dict keys are list names ("addons").
    offered = [(item["sku"], item["kind"]) for items in card["offers"].values() for item in items]
    services.calls.record_offers(call_id=call_id, offers=offered)
    return call_id
