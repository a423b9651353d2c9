"""A discount rule as management sets it: who, what, how much, and when (R15)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from assistant.db import Base


class DiscountRule(Base):
    """One programme: a percent off a product, a category, or the whole order.

    A rule names a `sku`, or a `category`, or neither (then `min_order_value` is its
    threshold); `ingest/erp/importers_discounts.py` refuses any other mix.
    """

    __tablename__ = "discount_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    # ";"-separated client type codes; empty means every type.
    client_types: Mapped[str] = mapped_column(String(300), default="")
    sku: Mapped[str | None] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(120))
    min_qty: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    min_order_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    percent: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    # Empty dates leave the rule open on that side.
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, index=True)
