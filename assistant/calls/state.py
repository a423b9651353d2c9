"""What one live call holds between screens: the caller, the lines, the answers (plain data)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant.orders.draft import DraftLine
from assistant.orders.lines import add_line

if TYPE_CHECKING:
    # Only a type here: importing the offers package at run time loads numpy and the
    # offer model's code into the caller box's first render (~250 ms, measured).
    from assistant.offers.models import Offers
    from assistant.orders.quote import Quote


@dataclass
class LiveCall:
    """One call on the operator's screen; lost only when the operator starts the next call."""

    call_id: int | None = None
    client_id: int | None = None
    operator: str | None = None  # the logged-in user taking it; None: the desk's default
    lines: dict[str, Decimal] = field(default_factory=dict)
    answered: dict[str, bool] = field(default_factory=dict)
    recorded: set[tuple[str, str]] = field(default_factory=set)
    offered: Offers | None = None  # the offers last shown, for the compliance meter
    offered_to: int | None = None  # the client they were for
    ticked: set[str] = field(default_factory=set)  # script steps the operator ticked by hand
    purpose: str = "order"
    direction: str = "incoming"  # outgoing: the desk called (a call task, a call-back)
    skipped: dict[str, str] = field(default_factory=dict)  # reasons placed with (R11-R17)
    ended: str | None = None  # the outcome code once placed, transferred or closed
    # One key per order: a double click or a retry after an error never makes two orders.
    order_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    placed_order_no: str | None = None
    placed_total: Decimal | None = None
    placed_delivery: date | None = None  # read back to the client with the number
    quoted: tuple[Any, Quote] | None = None  # the last quote and what it was for
    problems: dict[str, str] = field(default_factory=dict)
    closed_outcome: str | None = None
    # Bumped on every change of the lines, so the order grid is drawn afresh from them.
    editor_version: int = 0

    def draft_lines(self) -> list[DraftLine]:
        """The order lines as the services take them."""
        return [DraftLine(sku, qty) for sku, qty in self.lines.items()]

    def add(self, sku: str, qty: Decimal) -> None:
        """Add to the order (a product added twice means more of it)."""
        add_line(self.lines, sku, qty)
        self.editor_version += 1

    def set_qty(self, sku: str, qty: Decimal) -> None:
        self.lines[sku] = qty
        self.editor_version += 1

    def remove(self, sku: str) -> None:
        self.lines.pop(sku, None)
        self.editor_version += 1

    def next_order(self) -> None:
        """Start another order in the same call (after one was placed)."""
        self.lines.clear()
        self.problems.clear()
        self.order_key = uuid.uuid4().hex
        self.placed_order_no = None
        self.placed_total = None
        self.placed_delivery = None
        self.ended = None
        self.editor_version += 1


@dataclass(frozen=True)
class OrderDetails:
    """What the order form holds besides the lines (R16, R17)."""

    delivery_date: date | None
    window: str | None
    receiver: str | None
    payment: str | None
    documents: list[str]
    pickup_at: datetime | None
    ship_to: str | None
    notes: str | None
