"""The pages of the desk; each page is independent so roles can pick their set later."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list[st.Page]:
    """Every page, the live call first."""
    return [
        st.Page(PAGES_DIR / "call.py", title="Live call", icon=":material/call:", default=True),
        st.Page(PAGES_DIR / "orders.py", title="Orders", icon=":material/receipt_long:"),
        st.Page(PAGES_DIR / "calls.py", title="Calls", icon=":material/history:"),
        st.Page(PAGES_DIR / "clients.py", title="Clients", icon=":material/groups:"),
        st.Page(PAGES_DIR / "assistant.py", title="Ask", icon=":material/quick_reference:"),
        st.Page(PAGES_DIR / "knowledge.py", title="Knowledge", icon=":material/library_books:"),
    ]
