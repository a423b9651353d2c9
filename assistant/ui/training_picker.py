"""Picking a scenario and a mode, and starting a training call on its own sandbox."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import DeskError
from assistant.i18n import _, language
from assistant.training.scenario import Scenario, scenarios
from assistant.ui import deps, training_call
from assistant.ui.session_user import current_actor
from assistant.ui.state import new_call
from assistant.ui.training_desk import MODES

log = logging.getLogger(__name__)
SCENARIO_KEY = "training_scenario"
MODE_KEY = "training_mode"


def render() -> None:
    """The scenarios of the session's language, what each scores, and Start."""
    shipped = {s.id: s for s in scenarios(language())}
    if not shipped:
        st.info(_("No training scenarios are installed (knowledge/training)."))
        return
    picked = st.selectbox(
        _("Scenario"),
        list(shipped),
        format_func=lambda sid: shipped[sid].title,
        key=SCENARIO_KEY,
    )
    scenario = shipped[picked or next(iter(shipped))]
    st.markdown(scenario.summary)
    st.caption(_("Scored: {rules}").format(rules=", ".join(scenario.rules)))
    mode = st.segmented_control(
        _("Mode"),
        list(MODES),
        format_func=lambda m: _(MODES[m]),
        default="practice",
        required=True,
        key=MODE_KEY,
    )
    st.caption(
        _("Practice: the desk helps as on a real call.")
        if mode != "exam"
        else _("Exam: no route, credit lock or script; the score judges every rule.")
    )
    if st.button(_("Start the call"), key="training_start", type="primary", icon=":material/call:"):
        # In the run, not a callback: the spinner shows while the sandbox is prepared.
        _start(scenario, mode or "practice")


def _start(scenario: Scenario, mode: str) -> None:
    """A fresh sandbox with the scenario's persona; the call's fields start empty."""
    # Imported on use: the simulator builds a second set of services.
    from assistant.simulator.session import TrainingCall

    live = deps.live_services()
    actor = current_actor()
    if actor is None:
        return
    training_call.forget()  # a call left open (another tab, a crash) gives its sandbox back
    try:
        with st.spinner(_("Preparing the training company...")):
            call = TrainingCall.start(
                settings=live.settings,
                scenario=scenario,
                user=actor.name,
                mode=mode,
                live_sessions=live.sessions,
            )
    except DeskError as err:
        st.error(err.message)
        return
    st.session_state.pop(training_call.SCORECARD_KEY, None)
    new_call()
    training_call.keep(call)
    st.rerun()
