"""After "Place order": the number to read out, and what comes next (R18)."""

from __future__ import annotations

import streamlit as st

from assistant import formats
from assistant.calls.say import read_back
from assistant.calls.state import LiveCall
from assistant.i18n import _
from assistant.services import Services
from assistant.ui.state import new_call
from assistant.ui.widgets import say_line

FRAGMENT = "order"  # the order panel this is drawn in


def render(desk: Services, call: LiveCall) -> None:
    """The order number to read out; the next step is another order or the next call."""
    st.success(
        _("Order **{order_no}** placed · total {total}. Read the number to the client.").format(
            order_no=call.placed_order_no,
            total=formats.money(call.placed_total) if call.placed_total is not None else "",
        )
    )
    if call.placed_order_no and call.placed_total is not None and call.placed_delivery:
        said = read_back(
            desk.phrases,
            order_no=call.placed_order_no,
            total=call.placed_total,
            delivery=call.placed_delivery,
        )
        say_line(said)
    another, new = st.columns(2)
    another.button(
        _("Another order for this client"),
        key="next_order",
        type="primary",
        width="stretch",
        on_click=_next_order,
        args=(call,),
    )
    new.button(
        _("New call"), key="placed_new_call", type="primary", width="stretch", on_click=_new_call
    )


def _next_order(call: LiveCall) -> None:
    call.next_order()
    st.rerun([FRAGMENT, "offers"])


def _new_call() -> None:
    new_call()
    st.rerun()  # every panel starts afresh
