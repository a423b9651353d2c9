"""`desk card`: the client card, and the call registered with the offers it showed (R1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer

from assistant import formats
from assistant.auth.rights import Actor
from assistant.calls.say import after_card
from assistant.cli import text
from assistant.cli.output import JsonFlag, acting, open_services, parse_date, run
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.orders.draft import DraftLine
from assistant.services import Services

HELP = _("The client card: who is calling, route, credit, price column and offers.")


def card(
    query: Annotated[str, typer.Argument(help=_("Phone (any format), client code or name."))],
    purpose: Annotated[str, typer.Option(help=_("order, info, complaint or other."))] = "order",
    draft: Annotated[
        str, typer.Option(help=_("The order so far: SKU:QTY,... (a SKU alone is qty 1)."))
    ] = "",
    as_of: Annotated[str | None, typer.Option(help=_("Evaluate as of YYYY-MM-DD."))] = None,
    record: Annotated[bool, typer.Option(help=_("Register the call and its offers (R1)."))] = True,
    as_json: JsonFlag = False,
) -> None:
    """The client card: who is calling, route, credit, price column and offers."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        day = parse_date(as_of, "--as-of")
        lines = draft_lines(draft)
        skus = [line.sku for line in lines]
        found = services.cards.card(
            query=query, actor=actor, purpose=purpose, draft_skus=skus, as_of=day
        )
        out = found.as_dict()
        out["prompts"] = []
        if found.client is not None and found.column is not None and lines:
            quote = services.quotes.in_column(
                column=found.column.column, lines=lines, client_type=found.client.type, day=day
            )
            out["prompts"] = [p.as_dict() for p in quote.prompts]
        said = after_card(found, services.phrases)
        # Prose like the reasons: in DESK_LANGUAGE, with the language it is in for machines.
        out["say"] = {"line": said.value, "language": said.language, "notice": said.notice}
        if record:
            out["call_id"] = register_call(services, found.as_dict(), query, purpose, actor)
        return out

    run(as_json, work, text.card)


def draft_lines(text: str) -> list[DraftLine]:
    """`SKU:QTY,SKU,...` as lines; a SKU without a quantity means 1."""
    lines = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        sku, _sep, qty = item.partition(":")
        try:
            amount = formats.parse_number(qty) if qty.strip() else Decimal(1)
        except DeskError:
            raise DeskError(
                _("--draft {item!r}: write SKU:QTY, e.g. P0001:12 (a SKU alone is 1).").format(
                    item=item
                )
            ) from None
        lines.append(DraftLine(sku.strip(), amount))
    return lines


def register_call(
    services: Services, card: dict[str, Any], query: str, purpose: str, actor: Actor
) -> int:
    """Log the call and every item the card offered; returns the call id."""
    client = services.directory.by_code(card["client"]["code"]) if card["client"] else None
    phone = services.directory.normalise(query) or (card["client"] or {}).get("phone")
    call_id = services.calls.start(
        actor=actor,
        phone=phone,
        client_id=client.id if client else None,
        purpose=purpose,
        script_version=services.scripts.active().value.version,
    )
    # Each item carries its kind ("addon"); the dict keys are list names ("addons").
    offered = [(item["sku"], item["kind"]) for items in card["offers"].values() for item in items]
    services.calls.record_offers(call_id=call_id, offers=offered, actor=actor)
    return call_id
