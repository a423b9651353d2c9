"""What the live call page remembers between reruns: the call, the draft, the answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import streamlit as st

from assistant.orders.draft import DraftLine

CALL_KEY = "live_call"


@dataclass
class LiveCall:
    """One call on the operator's screen; lost only when the operator starts the next call."""

    call_id: int | None = None
    client_id: int | None = None
    lines: dict[str, Decimal] = field(default_factory=dict)
    answered: dict[str, bool] = field(default_factory=dict)
    recorded: set[tuple[str, str]] = field(default_factory=set)
    # One key per order: a double click or a retry after an error never makes two orders.
    order_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    placed_order_no: str | None = None
    placed_total: Decimal | None = None
    problems: dict[str, str] = field(default_factory=dict)
    closed_outcome: str | None = None
    editor_version: int = 0

    def draft_lines(self) -> list[DraftLine]:
        """The order lines as the services take them."""
        return [DraftLine(sku, qty) for sku, qty in self.lines.items()]

    def add(self, sku: str, qty: Decimal) -> None:
        """Add to the line of `sku` (a product added twice means more of it)."""
        self.lines[sku] = self.lines.get(sku, Decimal(0)) + qty
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
        self.editor_version += 1


def live_call() -> LiveCall:
    """This session's call, created on first use."""
    call = st.session_state.get(CALL_KEY)
    if not isinstance(call, LiveCall):
        call = LiveCall()
        st.session_state[CALL_KEY] = call
    return call


def new_call(keep: tuple[str, ...] = ()) -> None:
    """Forget the call and every field of the page, except the widget keys in `keep`."""
    saved: dict[str, Any] = {k: st.session_state[k] for k in keep if k in st.session_state}
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state.update(saved)
    st.session_state[CALL_KEY] = LiveCall()
