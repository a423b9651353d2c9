"""Receivables: what clients owe and when it falls due (R8-R10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db import Base


class Receivable(Base):
    """One open or settled document (invoice) of a client."""

    __tablename__ = "receivables"
    __table_args__ = (UniqueConstraint("client_id", "document"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(String(60))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    due_date: Mapped[date] = mapped_column(Date)
    paid: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
