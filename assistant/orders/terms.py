"""What the order form offers to choose: delivery windows, payment, documents (R16, R17)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DELIVERY_WINDOWS = ("08-12", "12-16", "16-20")
PAYMENT_METHODS = (
    "invoice (bank transfer)",
    "cash on delivery",
    "prepayment",
    "card on delivery",
)
DOCUMENTS = ("invoice", "delivery note", "quality certificate", "HACCP statement")
# Every delivery is signed for on the invoice and the delivery note; the rest on request.
DEFAULT_DOCUMENTS = DOCUMENTS[:2]
# A regional client (R17) either collects at the warehouse or has the goods shipped.
PICKUP = "collects at the warehouse"
SHIPPING = "ship to the client"
REGIONAL_MODES = (PICKUP, SHIPPING)
PICKUP_HOUR = time(10, 0)


def first_delivery_day(today: date) -> date:
    """The earliest day the form proposes: orders taken today go out tomorrow."""
    return today + timedelta(days=1)


def default_pickup(today: date) -> datetime:
    """When a regional client is proposed to collect: tomorrow morning."""
    return datetime.combine(first_delivery_day(today), PICKUP_HOUR)
