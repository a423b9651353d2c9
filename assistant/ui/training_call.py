"""The training call of this session: the sandbox the live call components work on.

While a trainee works a training call on the Training page, `deps.services()` gives the
sandbox's services and `session_user.acting()` the training actor, so the live call
components (call_*.py) write to the sandbox only. On any other page both are the real
ones again: a session's training call never reaches the real live call page.

Imports nothing of the desk's services (session_user imports this module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:
    from assistant.simulator.session import TrainingCall

TRAINING_KEY = "training_call"  # the TrainingCall while it runs
SCORECARD_KEY = "training_scorecard"  # (scenario, mode, scorecard) of the call just ended
ON_PAGE_KEY = "training_on_page"  # the page of the last full run is the Training page
# Kept when the live call's fields are cleared (state.new_call) at a call's start and end.
KEPT = (TRAINING_KEY, SCORECARD_KEY, ON_PAGE_KEY)


def current() -> TrainingCall | None:
    """The session's training call, on whatever page; None when there is none."""
    return st.session_state.get(TRAINING_KEY)


def active() -> TrainingCall | None:
    """The training call the live call components work on now: only on the Training page."""
    if not st.session_state.get(ON_PAGE_KEY):
        return None
    return current()


def exam() -> bool:
    """Whether the desk's help is hidden: an exam call is active (credit, route, script)."""
    call = active()
    return call is not None and call.mode == "exam"


def on_page(training: bool) -> None:
    """Remember whether this run draws the Training page (callbacks and fragments run on
    the page of the last full run)."""
    st.session_state[ON_PAGE_KEY] = training


def keep(call: TrainingCall) -> None:
    st.session_state[TRAINING_KEY] = call


def forget() -> Any:
    """Close the sandbox of the session's training call, if any, and forget it."""
    call = st.session_state.pop(TRAINING_KEY, None)
    if call is not None:
        call.close()
    return call
