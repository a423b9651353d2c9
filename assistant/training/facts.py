"""The facts a training call is scored on, read off the sandbox by the simulator.

Training sits beside the calls package, so the desk's facts arrive as plain data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class OrderFacts:
    """What was placed in the sandbox, and with which terms."""

    order_no: str
    lines: Mapping[str, float]  # sku -> qty
    column: str | None
    delivery_date: date | None
    receiver: str | None
    payment: str | None
    documents: tuple[str, ...]
    pickup: bool
    shipping: bool


@dataclass(frozen=True)
class CallFacts:
    """The call as the desk saw it, read off the sandbox when the call ends."""

    identified: bool  # the operator typed the caller and the card opened
    takes_order: bool  # the router: the operator takes the order personally
    route_to: str | None  # the router: whom to transfer to (manager code)
    credit_blocked: bool
    transferred_to: str | None  # whom the operator transferred to
    order: OrderFacts | None
    right_column: str | None  # the column the company's rules give the client (R14)
    checks: Mapping[str, str] = field(default_factory=dict)  # meter code -> done|missing|n/a
    discounts_in_play: bool = False
    discounts_stated: bool = False
    asked_docs: tuple[str, ...] = ()  # the documents the Ask answers cited (R19)
    names: Mapping[str, str] = field(default_factory=dict)  # manager code -> how it is said
    # "Place order" was pressed (the desk may have refused it, e.g. for a blocked client).
    order_attempted: bool = False
    today: date = field(default_factory=date.today)
