"""An operator's clients on call tasks, each with a "Call" button (R24)."""

from __future__ import annotations

import streamlit as st

from assistant import formats
from assistant.i18n import _
from assistant.outbound.labels import TASK_CLIENT_STATUS, label
from assistant.services import Services
from assistant.ui import call_task
from assistant.ui.session_user import acting
from assistant.ui.training_quiz import plain


def render(desk: Services) -> None:
    """The clients given to this operator, the ones still to call first."""
    rows = desk.tasks.assigned(actor=acting())
    if not rows:
        st.info(_("No clients to call: your head of sales has given you no call task."))
        return
    for row in rows:
        with st.container(border=True):
            who, what, action = st.columns([3, 4, 1], vertical_alignment="center")
            who.markdown(f"**{plain(row['name'])}** · {plain(row['client'])}")
            due = _("due {day}").format(day=formats.day(row["due_date"])) if row["due_date"] else ""
            what.markdown(plain(row["title"]) + " · " + plain(row["purpose"]))
            what.caption(
                " · ".join(x for x in (label(TASK_CLIENT_STATUS, row["status"]), due) if x)
            )
            if action.button(_("Call"), key=f"task_call_{row['task_client_id']}"):
                call_task.start(row["task_client_id"], row["client"])
