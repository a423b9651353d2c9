"""The language of a session: the operator's pick, else the browser's, else DESK_LANGUAGE."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assistant.config import get_settings
from assistant.i18n import (
    LANGUAGES,
    _,
    language_name,
    preferred_language,
    set_default_language,
    set_language_source,
)

LANGUAGE_KEY = "language"


def install() -> None:
    """Called at the top of every run: settles the session's language before any word."""
    set_default_language(get_settings().language)
    # Fragments rerun without the page's top and a run may start in any thread, so the
    # catalogue asks the session each time rather than being told once.
    set_language_source(_session_language)
    if st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        asked = preferred_language(st.context.headers.get("Accept-Language"))
        st.session_state[LANGUAGE_KEY] = asked or get_settings().language


def _session_language() -> str | None:
    if get_script_run_ctx(suppress_warning=True) is None:
        return None  # a background thread: the default language
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else None


def switcher() -> None:
    """The language picker; a change shows on the next rerun, nothing typed is lost."""
    st.sidebar.segmented_control(
        _("Language"),
        LANGUAGES,
        format_func=language_name,
        required=True,
        key=LANGUAGE_KEY,
    )
