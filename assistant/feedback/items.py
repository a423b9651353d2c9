"""A feedback item as the screens see it, and the one way one is written (R20)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.clients.models import Client, Department
from assistant.errors import DeskError
from assistant.feedback.departments import label, resolve
from assistant.feedback.models import FeedbackItem
from assistant.i18n import N_, _
from assistant.timeutil import utcnow

STATUS_LABELS = {
    "new": N_("new"),
    "in_progress": N_("in progress"),
    "answered": N_("answered"),
}


@dataclass(frozen=True)
class FeedbackNote:
    """What the operator noted for a department during a call."""

    department: str  # the department's code
    text: str


@dataclass(frozen=True)
class FeedbackView:
    """One item: the comment, where it went, how far it is, and the answer."""

    id: int
    department: str  # code
    department_label: str
    text: str
    status: str
    operator: str
    client_code: str | None
    client_name: str | None
    call_id: int | None
    created_at: datetime
    answer: str | None
    answered_by: str | None
    answered_at: datetime | None
    answer_shown_at: datetime | None

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `desk feedback`."""
        return {
            "id": self.id,
            "department": self.department,
            "text": self.text,
            "status": self.status,
            "operator": self.operator,
            "client": self.client_code,
            "call_id": self.call_id,
            "created_at": _iso(self.created_at),
            "answer": self.answer,
            "answered_by": self.answered_by,
            "answered_at": _iso(self.answered_at),
            "answer_shown_at": _iso(self.answer_shown_at),
        }


def checked_text(text: str, what: str) -> str:
    """Typed text as stored: trimmed, not empty, no NUL (PostgreSQL refuses it).

    No length limit, like the call's notes: the words are the client's or the department's.
    """
    said = (text or "").strip()
    if not said:
        raise DeskError(_("Write the {what} first: it is empty.").format(what=_(what)), field=what)
    if "\x00" in said:
        raise DeskError(
            _("The {field} holds a NUL character (0x00): type it again without it.").format(
                field=_(what)
            ),
            field=what,
        )
    return said


def add_item(
    session: Session,
    actor: Actor,
    note: FeedbackNote,
    *,
    call_id: int | None,
    client_id: int | None,
) -> FeedbackItem:
    """Write the item in the caller's transaction (the call's own, when noted in one)."""
    text = checked_text(note.text, N_("comment"))
    department = resolve(session, note.department)
    item = FeedbackItem(
        call_id=call_id,
        client_id=client_id,
        department_id=department.id,
        text=text,
        operator=actor.name,
        status="new",
        created_at=utcnow(),
    )
    session.add(item)
    session.flush()
    after = {"department": department.code, "call_id": call_id, "client_id": client_id}
    # Under the right it needs, like every change of a call (the audit page filters by it).
    audit.record(session, actor, "call.record", f"feedback {item.id}", after=after)
    return item


def viewed() -> Select[FeedbackItem, str, str, str, str]:
    """Items with their department and client, ready for `view`."""
    return (
        select(FeedbackItem, Department.code, Department.name, Client.code, Client.name)
        .join(Department, Department.id == FeedbackItem.department_id)
        .outerjoin(Client, Client.id == FeedbackItem.client_id)
    )


def view(row: Any) -> FeedbackView:
    item, code, name, client_code, client_name = row
    return FeedbackView(
        id=item.id,
        department=code,
        department_label=label(code, name),
        text=item.text,
        status=item.status,
        operator=item.operator,
        client_code=client_code,
        client_name=client_name,
        call_id=item.call_id,
        created_at=item.created_at,
        answer=item.answer,
        answered_by=item.answered_by,
        answered_at=item.answered_at,
        answer_shown_at=item.answer_shown_at,
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
