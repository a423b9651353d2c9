"""Top bar of the live call: the caller box, the purpose and a new call.

Imports nothing of the desk's services: the page draws this bar first, so it shows at
once after a server start while the rest of the desk loads.
"""

from __future__ import annotations

import streamlit as st

from assistant.ui.state import CALLER_KEY, new_call

PURPOSES = {"order": "Order", "info": "Info", "complaint": "Complaint", "other": "Other"}


def box() -> tuple[str, str]:
    """The caller as typed and the purpose of the call."""
    query_col, purpose_col, new_col = st.columns([5, 3, 1], vertical_alignment="bottom")
    query = query_col.text_input(
        "Caller",
        placeholder="Phone, client code or part of the name",
        live="150ms",
        key=CALLER_KEY,
    )
    purpose = purpose_col.segmented_control(
        "Purpose",
        list(PURPOSES),
        format_func=PURPOSES.__getitem__,
        default="order",
        required=True,
        key="purpose",
    )
    new_col.button("New call", key="new_call", width="stretch", shortcut="Alt+N", on_click=new_call)
    return query, purpose or "order"
