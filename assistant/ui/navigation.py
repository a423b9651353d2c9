"""The pages of the desk; each page is independent so roles can pick their set later."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.i18n import _
from assistant.ui.session_user import acting

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list[st.Page]:
    """The pages the user may use, the live call first; titles in the language of this run.

    The url paths are fixed, so a language switch stays on the page it was made on. The
    Audit page is listed for heads and admins only (its service refuses others anyway).
    """
    listed = [
        st.Page(
            PAGES_DIR / "call.py",
            title=_("Live call"),
            icon=":material/call:",
            url_path="call",
            default=True,
        ),
        st.Page(
            PAGES_DIR / "orders.py",
            title=_("Orders"),
            icon=":material/receipt_long:",
            url_path="orders",
        ),
        st.Page(
            PAGES_DIR / "calls.py", title=_("Calls"), icon=":material/history:", url_path="calls"
        ),
        st.Page(
            PAGES_DIR / "clients.py",
            title=_("Clients"),
            icon=":material/groups:",
            url_path="clients",
        ),
        st.Page(
            PAGES_DIR / "assistant.py",
            title=_("Ask"),
            icon=":material/quick_reference:",
            url_path="assistant",
        ),
        st.Page(
            PAGES_DIR / "knowledge.py",
            title=_("Knowledge"),
            icon=":material/library_books:",
            url_path="knowledge",
        ),
    ]
    if acting().may("audit.read"):
        listed.append(
            st.Page(
                PAGES_DIR / "audit.py",
                title=_("Audit"),
                icon=":material/policy:",
                url_path="audit",
            )
        )
    return listed
