"""What training leaves in the live database: scored runs and quiz questions with answers.

Training writes no order, call or offer to the live database (those go to the sandbox);
only who practised what, and how it went, is kept here for the progress pages (issue 11).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db import Base
from assistant.timeutil import utcnow


class TrainingRun(Base):
    """One simulated call a trainee worked, and its scorecard."""

    __tablename__ = "training_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(String(80), index=True)
    scenario: Mapped[str] = mapped_column(String(80), index=True)
    language: Mapped[str] = mapped_column(String(5))
    mode: Mapped[str] = mapped_column(String(10))  # practice | exam
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    seconds: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)  # 0-100, the share of rules passed
    # [{"requirement": "R9", "passed": true, "feedback": "...", "source": {...} | null}]
    rules: Mapped[list[Any]] = mapped_column(JSON, default=list)


class QuizQuestion(Base):
    """A question made from a procedure passage (or written by an editor), citing it."""

    __tablename__ = "quiz_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(300), index=True)  # the procedure document
    form: Mapped[str] = mapped_column(String(30))  # department | check_before | step_order | ...
    question: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer: Mapped[Any] = mapped_column(JSON)  # the right choice, or the steps in order
    passage: Mapped[str] = mapped_column(Text)  # the text it was made from, cited as is
    language: Mapped[str] = mapped_column(String(5))
    by_hand: Mapped[bool] = mapped_column(Boolean, default=False)  # an editor's, kept on regen
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class QuizAnswer(Base):
    """One answer a trainee gave to one question."""

    __tablename__ = "quiz_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(String(80), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"), index=True)
    given: Mapped[Any] = mapped_column(JSON)
    correct: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
