"""What the live call page remembers between reruns: the call, the draft, the answers."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.calls.state import LiveCall
from assistant.ui import training_call
from assistant.ui.language import LANGUAGE_KEY
from assistant.ui.login import LAST_SEEN_KEY
from assistant.ui.session_user import ACTOR_KEY, current_actor

CALL_KEY = "live_call"
CALLER_KEY = "caller_query"  # the caller box
LIVE_KEY = "caller_live"  # the caller box follows the typing (after the first page)
# Ids of the calls this session has left with New call. A rerun the browser sends before
# it has taken the old `?call=ID` out of its address still carries it: never reopen those.
LEFT_KEY = "calls_left"

__all__ = ["CALLER_KEY", "CALL_KEY", "LEFT_KEY", "LIVE_KEY", "LiveCall", "live_call", "new_call"]


def live_call() -> LiveCall:
    """This session's call, created on first use."""
    call = st.session_state.get(CALL_KEY)
    if not isinstance(call, LiveCall):
        call = _fresh_call()
        st.session_state[CALL_KEY] = call
    return call


def new_call(keep: tuple[str, ...] = ()) -> None:
    """Forget the call and every field of the page, except the widget keys in `keep`.

    Call it from a button's callback: the caller box is emptied too, and a browser only
    lets go of what was typed when the box is given a value before the page is drawn.
    """
    # The box stays live (the browser's state, not the call's); the language, the
    # logged-in user and a training call (its sandbox, its scorecard) stay.
    left = set(st.session_state.get(LEFT_KEY) or ())
    old = st.session_state.get(CALL_KEY)
    if isinstance(old, LiveCall) and old.call_id is not None:
        left.add(str(old.call_id))
    kept = (*keep, LIVE_KEY, LANGUAGE_KEY, ACTOR_KEY, LAST_SEEN_KEY, *training_call.KEPT)
    saved: dict[str, Any] = {k: st.session_state[k] for k in kept if k in st.session_state}
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[CALLER_KEY] = ""
    st.session_state.update(saved)
    st.session_state[CALL_KEY] = _fresh_call()
    st.session_state[LEFT_KEY] = left
    # The address named the old call (call_draft): a reload now must not reopen it.
    st.query_params.pop("call", None)


def _fresh_call() -> LiveCall:
    """A new call taken by the logged-in user: its name goes on the call and the order."""
    actor = current_actor()
    return LiveCall(operator=actor.name if actor else None)
