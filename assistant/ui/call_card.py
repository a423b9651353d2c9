"""Left column of the live call: who is calling, the route, credit and price column."""

from __future__ import annotations

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.services import Services
from assistant.ui.widgets import credit_box, route_box


def render(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """The client card; the route and credit state come first for the eye."""
    client = card.client
    if client is None:
        st.markdown("#### New caller")
        st.caption("No client has this phone, code or name.")
    else:
        st.markdown(f"#### {client.name}")
        manager = "no manager"
        if client.manager is not None:
            state = "present" if client.manager.available else "absent"
            manager = f"{client.manager.name} ({state})"
        where = client.city or ""
        if client.regional:
            where += " · regional"
        st.caption(f"{client.code} · {card.type_label} · {where}  \nManager: {manager}")
    route_box(card.route)
    credit_box(card.credit, known=client is not None)
    if card.credit.blocked or not card.route.takes_order:
        _transfer_button(desk, call, card)
    if card.column is not None:
        st.markdown(f"**Price column {card.column.column}** · {card.column.why}")
    if client is not None and client.receivers:
        st.caption("Receives goods: " + ", ".join(client.receivers))


def _transfer_button(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """One click: the call is transferred and logged with the reason (R4-R6, R9)."""
    to = card.route.to
    if to is None or call.call_id is None or call.closed_outcome:
        return
    if st.button(
        f"Transfer to {to.name}",
        key="transfer",
        type="primary",
        width="stretch",
        shortcut="Alt+T",
    ):
        try:
            desk.live.transfer(call, card)
        except DeskError as err:
            st.error(err.message)
            return
        st.rerun()
