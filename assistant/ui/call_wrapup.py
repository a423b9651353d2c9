"""Bottom bar of the live call: the outcome in one click, the client's note to a department."""

from __future__ import annotations

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.feedback.items import FeedbackNote
from assistant.i18n import N_, _
from assistant.services import Services
from assistant.ui.session_user import acting
from assistant.ui.state import new_call

OUTCOMES = {
    "info_given": N_("Information given"),
    "complaint": N_("Complaint"),
    "callback": N_("Call back later"),
    "no_order": N_("No order"),
}
FRAGMENT = "wrapup"
NO_DEPARTMENT = "(none)"


def render(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """Outcome buttons, the note for a department (R20), and the next call."""
    st.divider()
    if call.closed_outcome:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.success(_("Call closed: {outcome}.").format(outcome=_said(call.closed_outcome)))
        right.button(
            _("Next call"), type="primary", key="next_call", width="stretch", on_click=_next_call
        )
        return
    note_col, dept_col = st.columns([4, 1])
    note = note_col.text_input(
        _("Client's comment or wish (passed on to the department)"), key="call_note"
    )
    # The codes are the options (a language switch keeps the pick); the names are translated.
    names = {NO_DEPARTMENT: _("(none)")} | {d.code: d.label for d in desk.feedback.departments()}
    dept = dept_col.selectbox(
        _("For"), list(names), format_func=names.__getitem__, key="note_department"
    )
    buttons = st.columns(len(OUTCOMES))
    for column, (outcome, label) in zip(buttons, OUTCOMES.items(), strict=True):
        if column.button(_(label), key=f"outcome-{outcome}", width="stretch"):
            _close(desk, call, outcome, note.strip() or None, _feedback(note, dept))


def _said(closed: str) -> str:
    """The outcome as remembered (English, lower case) in the language of this redraw."""
    for label in OUTCOMES.values():
        if label.lower() == closed:
            return _(label).lower()
    return closed


def _next_call() -> None:
    new_call()
    st.rerun()  # every panel starts afresh, not only this bar


def _feedback(note: str, department: str) -> FeedbackNote | None:
    # A note for a department is an item of its queue (R20); the call keeps the words too.
    if not note.strip() or department == NO_DEPARTMENT:
        return None
    return FeedbackNote(department=department, text=note.strip())


def _close(
    desk: Services,
    call: LiveCall,
    outcome: str,
    notes: str | None,
    feedback: FeedbackNote | None,
) -> None:
    if call.call_id is None:
        st.warning(_("Type the caller first: the call is registered when the caller is known."))
        return
    try:
        desk.live.close(
            call,
            outcome=outcome,
            notes=notes,
            said=OUTCOMES[outcome].lower(),
            actor=acting(),
            feedback=feedback,
        )
    except DeskError as err:
        st.error(err.message)
        return
    st.rerun()
