"""A client's comment or wish, routed to a department, and the department's answer (R20)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db import Base
from assistant.timeutil import utcnow

FEEDBACK_STATUSES = ("new", "in_progress", "answered")


class FeedbackItem(Base):
    """Noted during a call for a department; the operator sees the answer on the next call."""

    __tablename__ = "feedback_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[str | None] = mapped_column(String(80))
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When an operator was shown the answer on the client's next call.
    answer_shown_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
