"""Call-backs from the website (R22), and call tasks with their survey (R23-R25)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db import Base
from assistant.timeutil import utcnow

CALLBACK_STATUSES = ("open", "done", "unreachable")
TASK_CLIENT_STATUSES = ("pending", "done", "unreachable")
SURVEY_KINDS = ("yesno", "choice", "number", "text")


class CallbackRequest(Base):
    """Someone asked on the website to be called back within a window."""

    __tablename__ = "callback_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The website's own id: a repeated post with it is the same request (idempotent).
    request_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40))
    phone_key: Mapped[str | None] = mapped_column(String(32), index=True)  # normalised
    company: Mapped[str | None] = mapped_column(String(200))
    topic: Mapped[str | None] = mapped_column(Text)
    window_from: Mapped[datetime] = mapped_column(DateTime, index=True)
    window_to: Mapped[datetime] = mapped_column(DateTime)
    consent: Mapped[bool] = mapped_column(Boolean)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When to try again after an unanswered attempt; the window's start until then.
    next_try_at: Mapped[datetime | None] = mapped_column(DateTime)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    source_address: Mapped[str | None] = mapped_column(String(64))

    tries: Mapped[list[CallbackAttempt]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="CallbackAttempt.at"
    )


class CallbackAttempt(Base):
    """One try at calling a website request back, and how it went."""

    __tablename__ = "callback_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("callback_requests.id", ondelete="CASCADE"), index=True
    )
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    operator: Mapped[str] = mapped_column(String(80), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # answered | no_answer | wrong_number
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    request: Mapped[CallbackRequest] = relationship(back_populates="tries")


class CallTask(Base):
    """A list of clients a head of sales hands to operators to call, with a purpose."""

    __tablename__ = "call_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)  # reactivate | survey | promotion | free text
    script_variant: Mapped[str | None] = mapped_column(String(40))
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    operators: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed

    clients: Mapped[list[TaskClient]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskClient.id"
    )
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="SurveyQuestion.position"
    )


class TaskClient(Base):
    """One client on a call task: who calls it, and what came of the call."""

    __tablename__ = "task_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("call_tasks.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    operator: Mapped[str | None] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    # Picked as a sleeper: an order within 30 days of the call counts as reactivated.
    was_sleeping: Mapped[bool] = mapped_column(Boolean, default=False)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    called_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    outcome: Mapped[str | None] = mapped_column(String(40))

    task: Mapped[CallTask] = relationship(back_populates="clients")


class SurveyQuestion(Base):
    """A survey question of a call task; choices only for kind "choice"."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(
        ForeignKey("call_tasks.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10))
    choices: Mapped[list[Any] | None] = mapped_column(JSON)

    task: Mapped[CallTask] = relationship(back_populates="questions")


class SurveyAnswer(Base):
    """A client's answer to a survey question, given on a task call."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_client_id: Mapped[int] = mapped_column(
        ForeignKey("task_clients.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(Text)  # "yes"/"no", the choice, the number, the text
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
