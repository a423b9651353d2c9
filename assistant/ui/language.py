"""The language of a session: the pick, else the user's own, the browser's, DESK_LANGUAGE."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assistant.config import get_settings
from assistant.errors import DeskError
from assistant.i18n import (
    LANGUAGES,
    _,
    language_name,
    preferred_language,
    set_default_language,
    set_language_source,
)
from assistant.ui.session_user import current_actor

LANGUAGE_KEY = "language"
# A logged-in user's own language, applied before the switcher is drawn on the next run.
PENDING_LANGUAGE_KEY = "language_of_user"
log = logging.getLogger(__name__)


def install() -> None:
    """Called at the top of every run: settles the session's language before any word."""
    set_default_language(get_settings().language)
    # Fragments rerun without the page's top and a run may start in any thread, so the
    # catalogue asks the session each time rather than being told once.
    set_language_source(_session_language)
    pending = st.session_state.pop(PENDING_LANGUAGE_KEY, None)
    if pending in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = pending
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
        on_change=_keep_for_user,
    )


def _keep_for_user() -> None:
    """A logged-in user's pick becomes its preferred language for the next login too."""
    actor = current_actor()
    if actor is None:
        return
    from assistant.ui.deps import services  # on use: importing the services takes a second

    try:
        services().users.set_language(
            actor=actor, name=actor.name, language=st.session_state[LANGUAGE_KEY]
        )
    except DeskError:
        # The session keeps the pick; only the next login will not remember it.
        log.warning("the language of user %s was not saved", actor.name, exc_info=True)
