"""Versions of the call script: each activation kept, the newest per language in force."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db import Base
from assistant.timeutil import utcnow


class ScriptVersion(Base):
    """One activated script file: its text as it was, who activated it and when."""

    __tablename__ = "script_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(5), index=True)
    version: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(200))
    activated_by: Mapped[str] = mapped_column(String(80))
    activated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
