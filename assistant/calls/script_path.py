"""The script's path for one call: the facts and words the card and the draft give it."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.calls.compliance import Check, meter
from assistant.calls.state import OrderDetails
from assistant.i18n import _
from assistant.offers.models import OfferItem
from assistant.script.engine import Progress, path
from assistant.script.loader import Script

# The script signal (a step's `done_when`) each check of the compliance meter gives.
SIGNAL_OF_CHECK = {
    "new": "new_mentioned",
    "special": "special_mentioned",
    "traditional": "traditional_reminded",
    "addons": "addons_offered",
    "delivery": "delivery_agreed",
    "receiver": "receiver_agreed",
    "payment": "payment_agreed",
    "documents": "documents_agreed",
    "regional": "pickup_or_shipping_agreed",
}


def seen_signals(
    card: ClientCard, draft: Collection[str], checks: Sequence[Check], *, ended: str | None = None
) -> frozenset[str]:
    """What the desk has seen happen in the call: the signals steps tick themselves by.

    `ended` is how the call ended so far: "order_placed", "transferred" or another outcome.
    """
    seen = {SIGNAL_OF_CHECK[c.code] for c in checks if c.state == "done"}
    if card.client is not None:
        seen |= {"client_identified", "credit_checked"}
    if draft:
        seen.add("line_added")
    if ended in ("order_placed", "transferred"):
        seen.add(ended)
    if ended:
        seen.add("call_closed")
    return frozenset(seen)


def parse_draft(text: str) -> dict[str, float]:
    """`SKU:QTY,SKU,...` as {sku: qty}; a SKU without a quantity means 1."""
    out: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        sku, _sep, qty = part.partition(":")
        try:
            out[sku.strip()] = out.get(sku.strip(), 0) + (float(qty) if qty.strip() else 1)
        except ValueError as exc:
            raise ValueError(
                _("--draft: {part!r} is not SKU:QTY with a number").format(part=part)
            ) from exc
    return out


def facts_of(card: ClientCard, draft: Mapping[str, Any], purpose: str) -> dict[str, Any]:
    """What the script's `when:` may test, read off the card and the draft."""
    offers = card.offers
    to = card.route.to
    return {
        "client_type": card.client.type if card.client else None,
        "new_caller": card.client is None,
        "credit_blocked": card.credit.blocked,
        "transfer": not card.route.takes_order,
        "person_available": bool(to and to.available),
        "regional": bool(card.client and card.client.regional),
        "purpose": purpose,
        "draft_empty": not draft,
        "has_new": bool(offers and offers.new),
        "has_special": bool(offers and offers.special),
        "has_traditional": bool(offers and _missing(offers.traditional, draft)),
        "has_addons": bool(offers and offers.addons),
    }


def _missing(items: Sequence[OfferItem], draft: Mapping[str, Any]) -> list[OfferItem]:
    return [item for item in items if item.sku not in draft]


def words_of(card: ClientCard, draft: Mapping[str, Any], language: str) -> dict[str, Any]:
    """What the script's `say:` may fill in, in the script's own language's formats."""
    client, offers = card.client, card.offers
    words: dict[str, Any] = {
        "client_name": client.name if client else None,
        "person": card.route.to.name if card.route.to else None,
        "column": card.column.column if card.column else None,
        "receivers": ", ".join(client.receivers) if client else None,
        "address": client.default_address if client else None,
        "draft_lines": ", ".join(
            f"{sku} × {formats.number(qty, language=language)}" for sku, qty in draft.items()
        ),
    }
    if offers is None:
        return words
    if offers.new:
        words["new_item"] = ", ".join(item.name for item in offers.new[:2])
    if offers.special:
        first = offers.special[0]
        words["special_item"] = first.name
        if first.valid_to:
            words["special_until"] = formats.day(first.valid_to, language=language)
    traditional = _missing(offers.traditional, draft)
    if traditional:
        words["traditional_item"] = traditional[0].name
        if traditional[0].usual_qty:
            words["traditional_qty"] = formats.number(traditional[0].usual_qty, language=language)
    words["addon_items"] = ", ".join(item.name for item in offers.addons[:4])
    return words


def script_path(
    script: Script,
    card: ClientCard,
    draft: Mapping[str, Any],
    purpose: str,
    language: str,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """The steps of this call, each with its words filled and its state."""
    return path(script, facts_of(card, draft, purpose), words_of(card, draft, language), progress)


def progress_of(
    script: Script,
    card: ClientCard,
    lines: Collection[str],
    *,
    offered: Iterable[tuple[str, str]],
    answered: Mapping[str, bool],
    details: OrderDetails | None,
    ticked: Collection[str] = (),
    skipped: Collection[str] = (),
    ended: str | None = None,
    discounts_in_play: bool = False,
) -> tuple[Progress, list[Check]]:
    """How far the call is along the script, and the compliance meter it is read from."""
    checks = meter(
        offered=offered,
        answered=answered,
        lines=lines,
        details=details,
        regional=bool(card.client and card.client.regional),
        discounts_stated=_stated(script, ticked) if discounts_in_play else None,
    )
    seen = seen_signals(card, lines, checks, ended=ended)
    return Progress(seen, frozenset(ticked), frozenset(skipped)), checks


def _stated(script: Script, ticked: Collection[str]) -> bool:
    """The discount rules count as stated once a step serving R14 or R15 is ticked."""
    return any(
        step.requirement in ("R14", "R15") for sid, step in script.steps.items() if sid in ticked
    )
