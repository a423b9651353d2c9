"""The price-list column that applies to a client, and prices from it (R14, R15)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.models import Price, PriceColumn, Product
from assistant.rules import PriceRules


@dataclass(frozen=True)
class ColumnChoice:
    """The column and the rule that chose it, said in words."""

    column: str
    why: str


class PricedClient(Protocol):
    """What price rules look at: a client row, or any view of one with these fields."""

    @property
    def price_column(self) -> str | None: ...

    @property
    def programme(self) -> str | None: ...

    @property
    def type(self) -> str: ...


def choose_column(client: PricedClient, rules: PriceRules) -> ColumnChoice:
    """The first rule of price_columns.yaml that matches the client."""
    for rule in rules.rules:
        if rule.client_column:
            if client.price_column:
                return ColumnChoice(client.price_column, rule.why)
        elif rule.programme is not None:
            if client.programme == rule.programme:
                return ColumnChoice(str(rule.column), rule.why)
        elif rule.client_type is not None:
            if client.type == rule.client_type:
                return ColumnChoice(str(rule.column), rule.why)
        elif rule.default:
            return ColumnChoice(str(rule.column), rule.why)
    # load_rules guarantees a default rule last; this is only reached with hand-built rules.
    raise ValueError("price rules have no default rule")


@dataclass(frozen=True)
class PricedProduct:
    """A product with its price in one column (None when the column has no price for it)."""

    product: Product
    price: Decimal | None


class PriceBook:
    """Prices by SKU and column."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def lookup(self, *, skus: Collection[str], column: str) -> dict[str, PricedProduct]:
        """Every known SKU of `skus` with its product and its price in `column`."""
        if not skus:
            return {}
        with self._sessions() as session:
            products = session.scalars(select(Product).where(Product.sku.in_(set(skus)))).all()
            prices = dict(
                session.execute(
                    select(Price.product_id, Price.price)
                    .join(PriceColumn, Price.column_id == PriceColumn.id)
                    .where(PriceColumn.code == column)
                    .where(Price.product_id.in_([p.id for p in products]))
                ).all()
            )
        return {p.sku: PricedProduct(p, prices.get(p.id)) for p in products}
