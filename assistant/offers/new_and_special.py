"""New items and special positions to point out during an order (R11)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, contains_eager

from assistant.catalog.models import Product, SpecialPosition
from assistant.offers import texts
from assistant.offers.declined import declined_last
from assistant.offers.models import OfferItem
from assistant.offers.products import PRICE_IN_COLUMN, as_float

NEW_SHOWN = 5
SPECIALS_SHOWN = 8

_NEW = (
    select(Product.id, Product.sku, Product.name, Product.new_since, PRICE_IN_COLUMN)
    .where(
        Product.active.is_(True),
        Product.new_since >= bindparam("new_from"),
        Product.new_since <= bindparam("as_of"),
    )
    .order_by(Product.new_since.desc(), Product.sku)
    .limit(bindparam("limit"))
)
_SPECIALS = (
    select(SpecialPosition, PRICE_IN_COLUMN)
    .join(SpecialPosition.product)
    .options(contains_eager(SpecialPosition.product))
    .where(
        SpecialPosition.valid_from <= bindparam("as_of"),
        SpecialPosition.valid_to >= bindparam("as_of"),
        Product.active.is_(True),
    )
    .order_by(SpecialPosition.valid_to, SpecialPosition.id)
)


def new_items(
    session: Session,
    *,
    as_of: date,
    days: int,
    price_column: str | None,
    excluded_ids: Collection[int],
    declined_ids: Collection[int] = (),
    limit: int = NEW_SHOWN,
) -> list[OfferItem]:
    """Active products new within `days` before `as_of`, newest first, declined ones last."""
    params = {
        "new_from": as_of - timedelta(days=days),
        "as_of": as_of,
        "limit": limit + len(excluded_ids) + len(declined_ids),
        "price_column": price_column or "",
    }
    items = [
        (
            pid,
            OfferItem(
                sku=sku,
                name=name,
                kind="new",
                why=texts.new_why(since=since or as_of),  # never None: the filter requires it
                price=as_float(price),
            ),
        )
        for pid, sku, name, since, price in session.execute(_NEW, params)
        if pid not in excluded_ids
    ]
    return declined_last(items, declined_ids, limit)


def special_items(
    session: Session,
    *,
    as_of: date,
    client_type: str | None,
    price_column: str | None,
    excluded_ids: Collection[int],
    declined_ids: Collection[int] = (),
    limit: int = SPECIALS_SHOWN,
) -> list[OfferItem]:
    """Special positions valid on `as_of` for this client type, soonest-ending first,
    declined ones last."""
    params = {"as_of": as_of, "price_column": price_column or ""}
    items: list[tuple[int, OfferItem]] = []
    seen: set[int] = set()
    for special, price in session.execute(_SPECIALS, params):
        product = special.product
        if product.id in excluded_ids or product.id in seen:
            continue
        if not special.targets(client_type or ""):
            continue
        seen.add(product.id)
        item = OfferItem(
            sku=product.sku,
            name=product.name,
            kind="special",
            why=texts.special_why(title=special.title, valid_to=special.valid_to),
            price=as_float(price),
            valid_to=special.valid_to,
        )
        items.append((product.id, item))
    return declined_last(items, declined_ids, limit)
