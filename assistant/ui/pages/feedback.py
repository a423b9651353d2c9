"""Feedback to departments (R20): the queue by department and status, one item, the answer.

For heads and admins, who answer for any department; the operator tells the client the
answer on its next call (ui/call_feedback.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from assistant import formats
from assistant.errors import DeskError
from assistant.feedback.desk import OPEN
from assistant.feedback.items import STATUS_LABELS, FeedbackView
from assistant.i18n import N_, _
from assistant.services import Services
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from assistant.ui.training_quiz import plain

log = logging.getLogger(__name__)

ALL = "all"
STATUSES = {OPEN: N_("open (new or in progress)"), **STATUS_LABELS, ALL: N_("all")}
TABLE_COLUMNS = {
    "id": N_("No."),
    "noted": N_("Noted"),
    "department": N_("Department"),
    "client": N_("Client"),
    "comment": N_("Comment"),
    "status": N_("Status"),
    "answer": N_("Answer"),
}
ITEM_KEY = "feedback_item"


def _filters(desk: Services) -> tuple[str | None, str | None]:
    """The department and the status picked (None: all)."""
    names = {ALL: _("all departments")} | {d.code: d.label for d in desk.feedback.departments()}
    left, right = st.columns(2)
    department = left.selectbox(
        _("Department"), list(names), format_func=names.__getitem__, key="feedback_department"
    )
    status = right.selectbox(
        _("Status"), list(STATUSES), format_func=lambda s: _(STATUSES[s]), key="feedback_status"
    )
    return (None if department == ALL else department), (None if status == ALL else status)


def _table(items: list[FeedbackView]) -> None:
    st.dataframe(
        [
            {
                "id": item.id,
                "noted": formats.day(item.created_at.date()),
                "department": item.department_label,
                "client": item.client_name or "",
                "comment": item.text,
                "status": item.status_label,
                "answer": item.answer or "",
            }
            for item in items
        ],
        hide_index=True,
        column_order=list(TABLE_COLUMNS),
        column_config={k: st.column_config.TextColumn(_(v)) for k, v in TABLE_COLUMNS.items()},
        key="feedback_table",
    )


def _picked(items: list[FeedbackView]) -> FeedbackView:
    labels = {
        item.id: f"{item.id} · {item.department_label} · {item.client_name or _('unknown caller')}"
        for item in items
    }
    chosen = st.selectbox(
        _("Open item"), list(labels), format_func=labels.__getitem__, key=ITEM_KEY
    )
    return next((item for item in items if item.id == chosen), items[0])


def _item(desk: Services, item: FeedbackView) -> None:
    """One item: the comment, who noted it, and the way to its answer."""
    with st.container(border=True):
        st.markdown(
            _("**{department}** · {status}").format(
                department=plain(item.department_label), status=item.status_label
            )
        )
        st.caption(
            _("{client} · noted by {operator} on {day}").format(
                client=plain(item.client_name or _("unknown caller")),
                operator=plain(item.operator),
                day=formats.day(item.created_at.date()),
            )
        )
        st.markdown(plain(item.text))
        if item.status == "answered":
            _answered(item)
            return
        if item.status == "new" and st.button(_("Take it on"), key="feedback_start"):
            _act(lambda: desk.feedback.start(item.id, actor=acting()))
        answer = st.text_area(_("The department's answer"), key=f"feedback_answer-{item.id}")
        if st.button(_("Save the answer"), key="feedback_save", type="primary"):
            _act(lambda: desk.feedback.answer(item.id, text=answer, actor=acting()))


def _answered(item: FeedbackView) -> None:
    st.success(plain(item.answer or ""))
    when = formats.day(item.answered_at.date()) if item.answered_at else ""
    st.caption(_("Answered by {who} on {day}.").format(who=plain(item.answered_by or ""), day=when))
    if item.answer_shown_at:
        st.caption(_("The client has been told."))
    else:
        st.caption(_("The operator tells the client on its next call."))


def _act(change: Callable[[], object]) -> None:
    try:
        change()
    except DeskError as err:
        st.error(err.message)  # the typed answer stays in its box
        return
    st.rerun()


def _page(desk: Services) -> None:
    actor = acting()
    if not actor.may("feedback.answer"):
        st.info(_("Feedback to departments is answered by heads of sales and admins."))
        return
    department, status = _filters(desk)
    items = desk.feedback.queue(actor=actor, department=department, status=status)
    if not items:
        st.info(_("No feedback items match these filters."))
        return
    _table(items)
    _item(desk, _picked(items))


st.markdown("### " + _("Feedback to departments"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Feedback page failed")
    st.error(_("The feedback could not be loaded: see the server log."))
