"""A call task's panel on the live call (R24, R25): the task's purpose, its survey questions
and the outcome, saved into SQL and linked to the call.

The Call tasks page starts a task call with `start`: a new call with the client typed in
the caller box, and the task client remembered here until the next "New call".
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant import formats
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.outbound.labels import TASK_CLIENT_STATUS, YES_NO, label
from assistant.outbound.tasks import TaskCall, TaskQuestion
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from assistant.ui.state import CALLER_KEY, live_call, new_call
from assistant.ui.training_quiz import plain

TASK_KEY = "task_call"  # the id of the task client being called
SAVED_KEY = "task_call_saved"
TASKS_PAGE = "assistant/ui/pages/tasks.py"
CALL_PAGE = "assistant/ui/pages/call.py"


def start(task_client_id: int, client_code: str) -> None:
    """Open the live call for a task's client: a fresh call with the client typed in."""
    new_call()
    live_call().direction = "outgoing"
    st.session_state[CALLER_KEY] = client_code
    st.session_state[TASK_KEY] = task_client_id
    st.switch_page(CALL_PAGE)


def render() -> None:
    """The panel, while a task call is open in this session; nothing otherwise."""
    task_client_id = st.session_state.get(TASK_KEY)
    if isinstance(task_client_id, int):
        _panel(task_client_id)


@st.fragment
def _panel(task_client_id: int) -> None:
    desk, actor = services(), acting()
    try:
        task = desk.tasks.call(task_client_id, actor=actor)
    except DeskError as err:
        st.error(err.message)
        return
    with st.container(border=True, key="task_panel"):
        st.markdown("**" + _("Call task: {title}").format(title=plain(task.title)) + "**")
        st.markdown(_("Purpose: {purpose}").format(purpose=plain(task.purpose)))
        facts = [label(TASK_CLIENT_STATUS, task.status)]
        if task.script_variant:
            facts.append(_("script variant {name}").format(name=task.script_variant))
        if task.due_date:
            facts.append(_("due {day}").format(day=formats.day(task.due_date)))
        st.caption(" · ".join(facts))
        answers = {q.id: _ask(q, task) for q in task.questions}
        done, unreachable, back = st.columns(3)
        if done.button(_("Done: save the answers"), key="task_done", type="primary"):
            _save(task, "done", answers)
        if unreachable.button(_("Unreachable"), key="task_unreachable"):
            _save(task, "unreachable", {})
        if back.button(_("Back to my calls"), key="task_back"):
            st.switch_page(TASKS_PAGE)
        saved = st.session_state.get(SAVED_KEY)
        if isinstance(saved, tuple) and saved[0] == task_client_id:
            st.success(_("Saved: {outcome}.").format(outcome=label(TASK_CLIENT_STATUS, saved[1])))


def _ask(q: TaskQuestion, task: TaskCall) -> Any:
    """One question's widget, showing an answer saved before."""
    key = f"task_q_{task.task_client_id}_{q.id}"
    before = task.answers.get(q.id)
    text = plain(q.text)
    match q.kind:
        case "yesno" | "choice":
            options = list(YES_NO) if q.kind == "yesno" else list(q.choices)
            return st.radio(
                text,
                options,
                index=options.index(before) if before in options else None,
                format_func=lambda o: label(YES_NO, o) if q.kind == "yesno" else o,
                horizontal=True,
                key=key,
            )
        case "number":
            value = float(before) if before is not None else None
            return st.number_input(text, value=value, key=key)
        case _:
            return st.text_input(text, value=before or "", max_chars=2000, key=key)


def _save(task: TaskCall, outcome: str, answers: dict[int, Any]) -> None:
    try:
        services().tasks.record(
            task.task_client_id,
            outcome=outcome,
            answers=answers,
            call_id=live_call().call_id,
            actor=acting(),
        )
    except DeskError as err:
        for problem in err.problems:
            st.error(problem.message)
        return
    st.session_state[SAVED_KEY] = (task.task_client_id, outcome)
