"""Calls (R1) and the offers made during them (R11-R12)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db import Base
from assistant.timeutil import utcnow

CALL_DIRECTIONS = ("incoming", "outgoing")
CALL_PURPOSES = ("order", "info", "complaint", "other")
OFFER_KINDS = ("new", "special", "traditional", "addon")
SKIPPED, TRANSFERRED = "skipped IS NOT NULL", "transferred_to_id IS NOT NULL"


class Call(Base):
    """A registered call: who, when, why, what came of it, and to whom it went."""

    __tablename__ = "calls"
    # The head's figures group a period's calls by operator and day, and by client type,
    # from the index alone (reports/calls_figures.py, bench report).
    __table_args__ = (
        Index("ix_calls_started_operator", "started_at", "operator", "client_id"),
        # Only the calls with a skipped step, or a transfer: those figures read a tenth to
        # a third of a period's calls instead of all of them.
        Index("ix_calls_skipped", "started_at", "operator", "client_id",
              sqlite_where=text(SKIPPED), postgresql_where=text(SKIPPED)),
        Index("ix_calls_transferred", "started_at", "operator", "client_id",
              sqlite_where=text(TRANSFERRED), postgresql_where=text(TRANSFERRED)),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("clients.id"), index=True)
    operator: Mapped[str] = mapped_column(String(80), index=True)
    direction: Mapped[str] = mapped_column(String(10), default="incoming")
    purpose: Mapped[str] = mapped_column(String(20), default="order")
    outcome: Mapped[str | None] = mapped_column(String(40))
    transferred_to_id: Mapped[int | None] = mapped_column(ForeignKey("managers.id"))
    transfer_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The call script followed (R8-R17): its version, the steps the operator ticked, and
    # the reason given for each requirement left undone ({"R12": "client in a hurry"}).
    script_version: Mapped[str | None] = mapped_column(String(20))
    script_ticked: Mapped[list[str] | None] = mapped_column(JSON)
    skipped: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    offers: Mapped[list[OfferMade]] = relationship(
        back_populates="call", cascade="all, delete-orphan", lazy="selectin"
    )


class OfferMade(Base):
    """One item offered during a call; accepted is None until the client answers."""

    __tablename__ = "offers_made"
    # Offers by kind over a period's calls, read from the index alone (reports).
    __table_args__ = (Index("ix_offers_made_call_kind", "call_id", "kind", "accepted"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    accepted: Mapped[bool | None] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    call: Mapped[Call] = relationship(back_populates="offers")


class CallDraft(Base):
    """The open call's draft order, saved as the operator works (issue 13).

    One row per call: a dead app process, or a browser reloaded onto another process,
    reopens the call from it, and its idempotency key keeps a placed order from being
    placed twice.
    """

    __tablename__ = "call_drafts"
    # "Your open call": the operator's newest draft, from the index alone.
    __table_args__ = (Index("ix_call_drafts_operator_updated", "operator", "updated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), unique=True)
    operator: Mapped[str] = mapped_column(String(80))
    # LiveCall and the order form as JSON (assistant/calls/drafts.py): lines, delivery,
    # receiver, payment, documents, note, offers answered, reasons, the order's key.
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)
    order_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))  # once placed
