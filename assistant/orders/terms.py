"""What the order form offers to choose: delivery windows, payment, documents (R16, R17).

The values are codes: the order keeps them as they are (English); a screen shows them through
`_()` (they are marked with `N_` for the catalogue), or with `label()`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from assistant.i18n import N_, _

DELIVERY_WINDOWS = ("08-12", "12-16", "16-20")
PAYMENT_METHODS = (
    N_("invoice (bank transfer)"),
    N_("cash on delivery"),
    N_("prepayment"),
    N_("card on delivery"),
)
DOCUMENTS = (N_("invoice"), N_("delivery note"), N_("quality certificate"), N_("HACCP statement"))
# Every delivery is signed for on the invoice and the delivery note; the rest on request.
DEFAULT_DOCUMENTS = DOCUMENTS[:2]
# A regional client (R17) either collects at the warehouse or has the goods shipped.
PICKUP = N_("collects at the warehouse")
SHIPPING = N_("ship to the client")
REGIONAL_MODES = (PICKUP, SHIPPING)
PICKUP_HOUR = time(10, 0)
_TERMS = frozenset((*PAYMENT_METHODS, *DOCUMENTS, *REGIONAL_MODES))


def label(term: str) -> str:
    """A payment method, document or regional mode in the language now (other text as it is)."""
    return _(term) if term in _TERMS else term


def first_delivery_day(today: date) -> date:
    """The earliest day the form proposes: orders taken today go out tomorrow."""
    return today + timedelta(days=1)


def default_pickup(today: date) -> datetime:
    """When a regional client is proposed to collect: tomorrow morning."""
    return datetime.combine(first_delivery_day(today), PICKUP_HOUR)
