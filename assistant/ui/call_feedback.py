"""On the client card: departments' answers to the client's comments, to tell it (R20).

An answer stays on the card, call after call, until the operator clicks "Told the
client": a call cut short never loses it, and a client is never told twice.
"""

from __future__ import annotations

import streamlit as st

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.services import Services
from assistant.ui.session_user import acting
from assistant.ui.training_quiz import plain

TOLD_KEY = "feedback-told-"


def render(desk: Services, card: ClientCard) -> None:
    """Each answer not yet told the client, with its department and the comment it answers."""
    for item in card.feedback:
        with st.container(border=True):
            st.markdown(
                _("**Answer from {department}** to the comment of {day}:").format(
                    department=plain(item.department_label), day=formats.day(item.created_at.date())
                )
            )
            st.caption(_("Comment: {text}").format(text=plain(item.text)))
            st.info(plain(item.answer or ""))
            if st.button(_("Told the client"), key=f"{TOLD_KEY}{item.id}", icon=":material/done:"):
                _told(desk, item.id)


def _told(desk: Services, item_id: int) -> None:
    try:
        desk.feedback.mark_told(item_id, actor=acting())
    except DeskError as err:
        st.error(err.message)
        return
    st.rerun()  # the card is read again without the answer
