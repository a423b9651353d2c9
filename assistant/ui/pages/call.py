"""Live call: the one page an operator works a whole call from."""

from __future__ import annotations

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.live import LiveCall
from assistant.clients.lookup import ClientMatch
from assistant.services import Services
from assistant.ui import call_card, call_offers, call_order, call_wrapup, chat_panel
from assistant.ui.deps import services
from assistant.ui.state import live_call, new_call

ASK_LOADING = "Ask: the knowledge base is loading… questions may take longer meanwhile."
PURPOSES = {"order": "Order", "info": "Info", "complaint": "Complaint", "other": "Other"}


def caller_bar(desk: Services, call: LiveCall) -> tuple[str, str, ClientMatch | None]:
    """Caller box, purpose and the picked match (the first one unless another is chosen)."""
    query_col, purpose_col, new_col = st.columns([5, 3, 1], vertical_alignment="bottom")
    query = query_col.text_input(
        "Caller",
        placeholder="Phone, client code or part of the name",
        live="150ms",
        key="caller_query",
    )
    purpose = purpose_col.segmented_control(
        "Purpose",
        list(PURPOSES),
        format_func=PURPOSES.__getitem__,
        default="order",
        required=True,
        key="purpose",
    )
    if new_col.button("New call", key="new_call", width="stretch", shortcut="Alt+N"):
        new_call()
        st.rerun()
    matches = desk.directory.find(query) if query.strip() else []
    picked = matches[0] if matches else None
    if len(matches) > 1:
        labels = {m.client_id: f"{m.name} · {m.code} · {m.city or ''}" for m in matches}
        chosen = st.pills(
            "Matches",
            list(labels),
            format_func=labels.__getitem__,
            default=matches[0].client_id,
            key=f"match-{query}",
            label_visibility="collapsed",
        )
        picked = next((m for m in matches if m.client_id == chosen), matches[0])
    return query, purpose or "order", picked


def lock_reason(card: ClientCard) -> str | None:
    """Why the order form is locked, in one sentence, or None."""
    if card.credit.blocked:
        return f"Order form locked. {card.credit.reason}"
    return None


desk = services()
call = live_call()
query, purpose, picked = caller_bar(desk, call)
if not query.strip():
    st.caption("Type the caller's phone, client code or name. Enter takes the first match.")
    st.stop()
client_id = picked.client_id if picked else None
card = desk.live.card(call, query=query, purpose=purpose, client_id=client_id)
left, middle, right = st.columns([1.15, 1.75, 1.1], gap="medium")
with left:
    call_card.render(desk, call, card)
with middle:
    call_order.render(desk, call, card, locked=lock_reason(card))
with right:
    can_order = card.client is not None and not card.credit.blocked and not call.placed_order_no
    # One collapsed line above the offers: found without scrolling, opened when needed.
    if not desk.knowledge_ready.is_set():
        st.caption(ASK_LOADING)
    chat_panel.beside_call(client_code=card.client.code if card.client else None)
    call_offers.render(desk, call, card, can_order=can_order)
call_wrapup.render(desk, call, card)
