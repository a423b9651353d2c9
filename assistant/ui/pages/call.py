"""Live call: find the caller, see the route, credit, price column and what to offer."""

from __future__ import annotations

import streamlit as st

from assistant.ui.deps import services
from assistant.ui.widgets import credit_box, offers_panel, route_box

desk = services()
st.markdown("### Live call")
query = st.text_input(
    "Caller", placeholder="Phone, client code or part of the name", key="caller_query"
)
purpose = st.segmented_control(
    "Purpose",
    ["order", "info", "complaint", "other"],
    default="order",
    required=True,
    key="purpose",
)
if not query.strip():
    st.caption("Type the caller's phone, code or name to see the client card.")
    st.stop()

matches = desk.directory.find(query)
chosen = None
if len(matches) > 1:
    labels = {m.client_id: f"{m.name} [{m.code}] {m.city or ''}" for m in matches}
    chosen = st.radio(
        "Matches", list(labels), format_func=labels.__getitem__, horizontal=True, key="pick"
    )
elif matches:
    chosen = matches[0].client_id
client = desk.directory.get(chosen) if chosen is not None else None
card = desk.cards.card_for(client=client, query=query, purpose=purpose or "order")

left, right = st.columns([3, 2], gap="large")
with left:
    if card.client is None:
        st.subheader("New caller")
        st.caption("No client has this phone, code or name.")
    else:
        c = card.client
        st.subheader(f"{c.name}  ·  {c.code}")
        manager = (
            f"{c.manager.name} ({'present' if c.manager.available else 'absent'})"
            if c.manager
            else "no manager"
        )
        where = f"{c.city or ''}{' · regional' if c.regional else ''}"
        st.caption(f"{card.type_label} · {where} · manager: {manager}")
    route_box(card.route)
    credit_box(card.credit, known=card.client is not None)
    if card.column:
        st.markdown(f"**Price column {card.column.column}** — {card.column.why}")
with right:
    offers_panel(card.offers)
