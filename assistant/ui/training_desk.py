"""A training call on screen: the live call page itself, on the sandbox, with the client's
transcript beside it and "End call" for the scorecard."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.errors import DeskError
from assistant.i18n import N_, _
from assistant.ui import call_caller, call_screen, training_call
from assistant.ui.state import live_call, new_call

if TYPE_CHECKING:
    from assistant.simulator.session import TrainingCall

MODES = {"practice": N_("Practice"), "exam": N_("Exam")}
TRANSCRIPT_KEY = "training_transcript"


def render(training: TrainingCall) -> None:
    """The scenario in one line, the transcript, then the live call screen on the sandbox."""
    scenario = training.scenario
    about, said = st.columns([2, 3], gap="medium")
    with about:
        st.markdown(f"#### {scenario.title}")
        st.caption(
            _("Training call · {mode} · nothing you do here reaches the real desk.").format(
                mode=_(MODES.get(training.mode, training.mode))
            )
        )
        phone = scenario.client.phone
        if phone:
            st.markdown(_("**Incoming call** from {phone}").format(phone=phone))
        if training.mode == "exam":
            st.caption(_("Exam: the route, the credit state and the script are hidden."))
        st.button(
            _("End call"),
            key="training_end",
            type="primary",
            icon=":material/call_end:",
            on_click=_end,
        )
        problem = st.session_state.get(_END_PROBLEM)
        if problem:
            st.error(problem)
    query, purpose = call_caller.box()
    if query.strip() or call_caller.is_live():
        call_screen.render(query, purpose)
    else:
        call_caller.hint()
    # Drawn last, in its place above: the client answers what this run has just done.
    with said:
        _transcript()


_END_PROBLEM = "training_end_problem"


@st.fragment(run_every="1s")
def _transcript() -> None:
    # Its own fragment, every second: the order and offers panels redraw alone after an
    # action, and the client's next line should follow them without a full redraw.
    training = training_call.active()
    if training is None:
        return
    with st.container(height=240, border=True, key=TRANSCRIPT_KEY):
        lines = training.transcript(live_call())
        if not lines:
            st.caption(_("The client speaks once you answer the call: type the caller."))
        for line in lines:
            client = line.who == "client"
            with st.chat_message(
                "user" if client else "assistant",
                avatar=":material/person:" if client else ":material/support_agent:",
            ):
                st.markdown(line.text)


def _end() -> None:
    """Score the call, keep the scorecard, close the sandbox and clear the call's fields."""
    training = training_call.current()
    if training is None:
        return
    try:
        scorecard = training.finish(live_call())
    except DeskError as err:
        st.session_state[_END_PROBLEM] = err.message
        return
    st.session_state.pop(_END_PROBLEM, None)
    st.session_state[training_call.SCORECARD_KEY] = (training.scenario, training.mode, scorecard)
    training_call.forget()
    new_call()
