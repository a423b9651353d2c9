"""The line the operator says next to the client, from the editors' phrases in their language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.i18n.texts import Chosen
from assistant.rules.phrases import Phrases


def after_card(card: ClientCard, phrases: Phrases) -> Chosen[str]:
    """What to say once the caller is known: take the order, or whom the call goes to."""
    route = card.route
    if route.takes_order:
        return phrases.say("take_order")
    to = route.to
    if to is None:
        return phrases.say("nobody")
    if not to.available:
        return phrases.say("take_message", person=to.name)
    if card.credit.blocked:
        return phrases.say("credit_blocked", person=to.name)
    if card.client is None or card.client.manager is None:
        return phrases.say("new_client", person=to.name)
    return phrases.say("transfer", person=to.name)


def read_back(
    phrases: Phrases, *, order_no: str, total: Decimal | float, delivery: date
) -> Chosen[str]:
    """The placed order read back to the client, in their language's formats."""
    chosen = phrases.line("read_back")
    # Amounts and dates are written the way the line's own language reads them.
    line = chosen.value.format(
        order_no=order_no,
        total=formats.money(total, language=chosen.language),
        delivery=formats.day(delivery, language=chosen.language),
    )
    return Chosen(line, chosen.language, chosen.notice)
