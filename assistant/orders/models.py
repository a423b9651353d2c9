"""Order history from the ERP, and orders placed at the desk with their lines (R16-R18)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db import Base
from assistant.i18n import N_, _
from assistant.timeutil import utcnow

# The path a placed order travels; heads move it forward one step at a time.
ORDER_STATUSES = ("placed", "accepted", "picking", "shipped", "delivered")
# The statuses as people read them; the database and the JSON keep the codes.
STATUS_LABELS = {
    "placed": N_("placed"),
    "accepted": N_("accepted"),
    "picking": N_("picking"),
    "shipped": N_("shipped"),
    "delivered": N_("delivered"),
}
ORDER_NO_PREFIX = "OD-"


class HistoryLine(Base):
    """One line of a past order (imported from the ERP or made by the demo)."""

    __tablename__ = "order_history"
    __table_args__ = (
        UniqueConstraint("order_no", "product_id"),
        Index("ix_order_history_client_date", "client_id", "order_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(String(60))
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    order_date: Mapped[date] = mapped_column(Date)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    # Floats: history is read in bulk for offers, where Decimal conversion costs too much.
    qty: Mapped[float] = mapped_column(Float)
    price: Mapped[float] = mapped_column(Float)


class Order(Base):
    """An order taken at the desk."""

    __tablename__ = "orders"
    # A period's orders by operator and day, and their value, from the index alone (reports).
    __table_args__ = (
        Index("ix_orders_created_operator", "created_at", "operator", "client_id", "total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The same key never makes a second order (a double click, a retry).
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    operator: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), default="placed", index=True)
    price_column: Mapped[str] = mapped_column(String(20))
    total: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    delivery_date: Mapped[date] = mapped_column(Date)
    delivery_window: Mapped[str | None] = mapped_column(String(60))
    receiver: Mapped[str | None] = mapped_column(String(200))
    payment: Mapped[str | None] = mapped_column(String(60))
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    pickup_at: Mapped[datetime | None] = mapped_column(DateTime)
    ship_to: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    route_override_reason: Mapped[str | None] = mapped_column(Text)
    # The programmes that lowered the price, as placed: [{code, title, percent, amount}].
    discounts: Mapped[list[Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def order_no(self) -> str:
        """The number the operator reads to the client."""
        return f"{ORDER_NO_PREFIX}{self.id:06d}"


class OrderLine(Base):
    """One product of an order, priced from the order's column."""

    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    qty: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    # The column's price before any discount (None on orders placed before discounts).
    list_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    discount_percent: Mapped[Decimal] = mapped_column(
        Numeric(5, 2), default=Decimal(0), server_default="0"
    )
    discount_code: Mapped[str | None] = mapped_column(String(40))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    line_total: Mapped[Decimal] = mapped_column(Numeric(14, 2))

    order: Mapped[Order] = relationship(back_populates="lines")

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, as `desk order place` prints it."""
        listed = self.list_price if self.list_price is not None else self.unit_price
        return {
            "sku": self.sku,
            "name": self.name,
            "qty": float(self.qty),
            "list_price": float(listed),
            "discount_percent": float(self.discount_percent or 0),
            "discount_code": self.discount_code,
            "unit_price": float(self.unit_price),
            "line_total": float(self.line_total),
        }


class OrderStatusChange(Base):
    """Who moved an order along, and when (R18)."""

    __tablename__ = "order_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


def status_label(status: str) -> str:
    """An order status in the language now (an unknown code as it is)."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status
