"""What offers need to know of products: names, availability and the client's price.

Statements are built once with bind parameters: building and caching SQL per call
would cost more than running it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from assistant.catalog.models import Price, PriceColumn, Product

# The price of the outer query's product in the column bound as :price_column (NULL if none).
PRICE_IN_COLUMN = (
    select(Price.price)
    .where(
        Price.product_id == Product.id,
        Price.column_id
        == select(PriceColumn.id)
        .where(PriceColumn.code == bindparam("price_column", type_=PriceColumn.code.type))
        .scalar_subquery(),
    )
    .correlate(Product)
    .scalar_subquery()
)
_FACTS = select(
    Product.id,
    Product.sku,
    Product.name,
    Product.unit,
    Product.active,
    Product.stock,
    PRICE_IN_COLUMN,
)
_BY_IDS = _FACTS.where(Product.id.in_(bindparam("ids", expanding=True)))
_ANY_AVAILABLE = (
    _FACTS.where(Product.active.is_(True), Product.stock.is_(None) | (Product.stock > 0))
    .order_by(Product.new_since.desc().nulls_last(), Product.sku)
    .limit(bindparam("limit"))
)
_IDS_OF_SKUS = select(Product.id).where(Product.sku.in_(bindparam("skus", expanding=True)))


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


def as_float(value: Decimal | float | None) -> float | None:
    """A money or quantity value as float, keeping None."""
    return None if value is None else float(value)


def _facts(row: Sequence[Any]) -> ProductFacts:
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
    params = {"ids": sorted(ids), "price_column": price_column or ""}
    return {row[0]: _facts(row) for row in session.execute(_BY_IDS, params)}


def ids_for_skus(session: Session, skus: Sequence[str]) -> set[int]:
    """Product ids of the given SKUs (unknown SKUs are ignored)."""
    if not skus:
        return set()
    return set(session.scalars(_IDS_OF_SKUS, {"skus": sorted(set(skus))}))


def any_available(
    session: Session, *, excluded_ids: Collection[int], price_column: str | None, limit: int
) -> list[ProductFacts]:
    """Some available products, for when history says nothing at all."""
    params = {"limit": limit + len(excluded_ids), "price_column": price_column or ""}
    facts = [_facts(row) for row in session.execute(_ANY_AVAILABLE, params)]
    return [f for f in facts if f.id not in excluded_ids][:limit]
