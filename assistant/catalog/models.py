"""Products, price-list columns, prices and special positions (R11, R14, R15)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistant.db import Base


class Product(Base):
    """An item of the assortment."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    search_name: Mapped[str] = mapped_column(String(300), index=True)
    # The product's names in other languages, ";"-separated ("sunflower oil; подсолнечное
    # масло"): clients and operators name goods in their own language (issue 14).
    other_names: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # `other_names` folded, for search as `search_name` is for `name`.
    search_other: Mapped[str] = mapped_column(String(600), default="", server_default="")
    category: Mapped[str] = mapped_column(String(120), index=True)
    unit: Mapped[str] = mapped_column(String(20), default="pc")
    # Orders go in whole packs: a quantity must be a multiple of pack_size.
    pack_size: Mapped[Decimal] = mapped_column(Numeric(12, 3), default=Decimal(1))
    min_qty: Mapped[Decimal | None] = mapped_column(Numeric(12, 3))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    new_since: Mapped[date | None] = mapped_column(Date, index=True)
    stock: Mapped[Decimal | None] = mapped_column(Numeric(14, 3))


def names_in(other_names: str) -> list[str]:
    """The names of a ";"-separated `other_names`, each with its spaces tidied, no repeats."""
    names = (" ".join(n.split()) for n in other_names.split(";"))
    return list(dict.fromkeys(n for n in names if n))


class PriceColumn(Base):
    """A column of the price list (A = base, B, C, ... = discounted levels)."""

    __tablename__ = "price_columns"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Price(Base):
    """The price of one product in one column."""

    __tablename__ = "prices"
    __table_args__ = (UniqueConstraint("product_id", "column_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    column_id: Mapped[int] = mapped_column(ForeignKey("price_columns.id", ondelete="CASCADE"))
    price: Mapped[Decimal] = mapped_column(Numeric(14, 2))

    column: Mapped[PriceColumn] = relationship(lazy="joined")


class SpecialPosition(Base):
    """A promotion or priority item set by commercial management, valid for some dates."""

    __tablename__ = "special_positions"
    __table_args__ = (UniqueConstraint("product_id", "title", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date, index=True)
    # ";"-separated client type codes; empty means every type.
    client_types: Mapped[str] = mapped_column(String(300), default="")

    product: Mapped[Product] = relationship(lazy="joined")

    def targets(self, client_type: str) -> bool:
        """Whether this position is meant for clients of `client_type`."""
        types = [t.strip() for t in self.client_types.split(";") if t.strip()]
        return not types or client_type in types
