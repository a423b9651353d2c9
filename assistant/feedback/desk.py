"""The departments' side of feedback (R20): the queue, taking an item on, the answer;
and the operator's side: answers to tell a client on its next call.

An answer stays on the client's card, call after call, until an operator says it was
told (`mark_told`): a call cut short never loses it, and once told it is never repeated.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.feedback.departments import DepartmentView, listed, resolve
from assistant.feedback.items import (
    STATUS_LABELS,
    FeedbackNote,
    FeedbackView,
    add_item,
    checked_text,
    view,
    viewed,
)
from assistant.feedback.models import FEEDBACK_STATUSES, FeedbackItem
from assistant.i18n import N_, _
from assistant.timeutil import utcnow

ANSWER = "feedback.answer"
OPEN = "open"
OPEN_STATUSES = ("new", "in_progress")


class FeedbackDesk:
    """Feedback items: noted by operators, answered by heads for their departments."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def departments(self) -> list[DepartmentView]:
        """Every department a comment can go to, by code."""
        with self._sessions() as session:
            return listed(session)

    def note(
        self,
        note: FeedbackNote,
        *,
        actor: Actor,
        client_id: int | None,
        call_id: int | None = None,
    ) -> int:
        """A comment noted outside a call's wrap-up; returns the item's id."""
        with audit.audited(self._sessions, actor, "call.record", "feedback") as session:
            return add_item(session, actor, note, call_id=call_id, client_id=client_id).id

    def queue(
        self,
        *,
        actor: Actor,
        department: str | None = None,
        status: str | None = None,
        limit: int = 500,
    ) -> list[FeedbackView]:
        """Items oldest first (what waits longest comes first), narrowed as asked."""
        audit.guard(self._sessions, actor, ANSWER, "feedback queue")
        query = viewed().order_by(FeedbackItem.created_at, FeedbackItem.id).limit(limit)
        with self._sessions() as session:
            if department:
                query = query.where(FeedbackItem.department_id == resolve(session, department).id)
            if status:
                query = query.where(FeedbackItem.status.in_(_statuses(status)))
            return [view(row) for row in session.execute(query)]

    def get(self, item_id: int, *, actor: Actor) -> FeedbackView:
        audit.guard(self._sessions, actor, ANSWER, f"feedback {item_id}")
        with self._sessions() as session:
            row = session.execute(viewed().where(FeedbackItem.id == item_id)).first()
            if row is None:
                raise _missing(item_id)
            return view(row)

    def start(self, item_id: int, *, actor: Actor) -> FeedbackView:
        """The department takes the item on: new -> in progress."""
        with audit.audited(self._sessions, actor, ANSWER, f"feedback {item_id}") as session:
            item = _locked(session, item_id)
            if item.status != "new":
                raise DeskError(
                    _("Item {id} is {status} already: only a new item is taken on.").format(
                        id=item_id, status=_(STATUS_LABELS[item.status])
                    ),
                    field="status",
                )
            item.status = "in_progress"
            before, after = {"status": "new"}, {"status": "in_progress"}
            audit.record(session, actor, ANSWER, f"feedback {item_id}", before=before, after=after)
        return self.get(item_id, actor=actor)

    def answer(self, item_id: int, *, text: str, actor: Actor) -> FeedbackView:
        """The department's answer: required; the item is answered (from new or in progress)."""
        said = checked_text(text, N_("answer"))
        with audit.audited(self._sessions, actor, ANSWER, f"feedback {item_id}") as session:
            item = _locked(session, item_id)
            if item.status == "answered":
                raise DeskError(
                    _("Item {id} is answered already (by {who}).").format(
                        id=item_id, who=item.answered_by
                    ),
                    field="status",
                )
            before = {"status": item.status}
            item.status, item.answer = "answered", said
            item.answered_by, item.answered_at = actor.name, utcnow()
            after = {"status": "answered", "answer": said}
            audit.record(session, actor, ANSWER, f"feedback {item_id}", before=before, after=after)
        return self.get(item_id, actor=actor)

    def answers_for(self, client_id: int) -> list[FeedbackView]:
        """Answered items of the client not yet told it, oldest answer first.

        Read by the card, which guards the client's data itself.
        """
        query = (
            viewed()
            .where(
                FeedbackItem.client_id == client_id,
                FeedbackItem.status == "answered",
                FeedbackItem.answer_shown_at.is_(None),
            )
            .order_by(FeedbackItem.answered_at, FeedbackItem.id)
        )
        with self._sessions() as session:
            return [view(row) for row in session.execute(query)]

    def mark_told(self, item_id: int, *, actor: Actor) -> None:
        """The operator told the client the answer: it leaves the client's card."""
        with audit.audited(self._sessions, actor, "call.record", f"feedback {item_id}") as session:
            item = _locked(session, item_id)
            if item.status != "answered":
                raise DeskError(_("Item {id} has no answer yet.").format(id=item_id))
            if item.answer_shown_at is None:
                item.answer_shown_at = utcnow()
                after = {"told": True}
                audit.record(session, actor, "call.record", f"feedback {item_id}", after=after)


def _statuses(status: str) -> tuple[str, ...]:
    """A status, or "open": new and in progress (what still waits for the department)."""
    if status == OPEN:
        return OPEN_STATUSES
    if status not in FEEDBACK_STATUSES:
        raise DeskError(
            _("Unknown status {value!r}; use one of: {allowed}.").format(
                value=status, allowed=", ".join((OPEN, *FEEDBACK_STATUSES))
            ),
            field="status",
        )
    return (status,)


def _locked(session: Session, item_id: int) -> FeedbackItem:
    # FOR UPDATE on PostgreSQL: two heads answering at once answer once.
    item = session.get(FeedbackItem, item_id, with_for_update=True)
    if item is None:
        raise _missing(item_id)
    return item


def _missing(item_id: int) -> DeskError:
    return DeskError(_("There is no feedback item {id}.").format(id=item_id), field="id")
