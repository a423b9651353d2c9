"""What offers need to know of products: names, availability and the client's price."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Row, ScalarSelect, Select, select
from sqlalchemy.orm import Session

from assistant.catalog.models import Price, PriceColumn, Product


@dataclass(frozen=True)
class ProductFacts:
    """One product as the offers panel shows it."""

    id: int
    sku: str
    name: str
    unit: str
    active: bool
    stock: float | None
    price: float | None

    @property
    def available(self) -> bool:
        """Active and not known to be out of stock (unknown stock counts as available)."""
        return self.active and (self.stock is None or self.stock > 0)


def price_in(price_column: str | None) -> ScalarSelect[Decimal]:
    """The price of the outer query's product in `price_column` (NULL if none)."""
    column_id = select(PriceColumn.id).where(PriceColumn.code == (price_column or ""))
    return (
        select(Price.price)
        .where(Price.product_id == Product.id, Price.column_id == column_id.scalar_subquery())
        .correlate(Product)
        .scalar_subquery()
    )


def as_float(value: Decimal | float | None) -> float | None:
    """A money or quantity value as float, keeping None."""
    return None if value is None else float(value)


def _facts_query(
    price_column: str | None,
) -> Select[int, str, str, str, bool, Decimal | None, Decimal | None]:
    return select(
        Product.id,
        Product.sku,
        Product.name,
        Product.unit,
        Product.active,
        Product.stock,
        price_in(price_column),
    )


def _facts(row: Row[int, str, str, str, bool, Decimal | None, Decimal | None]) -> ProductFacts:
    pid, sku, name, unit, active, stock, price = row
    return ProductFacts(
        id=pid,
        sku=sku,
        name=name,
        unit=unit,
        active=bool(active),
        stock=as_float(stock),
        price=as_float(price),
    )


def product_facts(
    session: Session, *, ids: Collection[int], price_column: str | None
) -> dict[int, ProductFacts]:
    """Facts of the products with `ids`, keyed by id (one query)."""
    if not ids:
        return {}
    query = _facts_query(price_column).where(Product.id.in_(sorted(ids)))
    return {row[0]: _facts(row) for row in session.execute(query)}


def ids_for_skus(session: Session, skus: Sequence[str]) -> set[int]:
    """Product ids of the given SKUs (unknown SKUs are ignored)."""
    if not skus:
        return set()
    return set(session.scalars(select(Product.id).where(Product.sku.in_(set(skus)))))


def any_available(
    session: Session, *, excluded_ids: Collection[int], price_column: str | None, limit: int
) -> list[ProductFacts]:
    """Some available products, for when history says nothing at all."""
    query = (
        _facts_query(price_column)
        .where(Product.active.is_(True), (Product.stock.is_(None)) | (Product.stock > 0))
        .order_by(Product.new_since.desc().nulls_last(), Product.sku)
        .limit(limit + len(excluded_ids))
    )
    facts = [_facts(row) for row in session.execute(query)]
    return [f for f in facts if f.id not in excluded_ids][:limit]
