"""The demo assortment as rows: products, price columns, prices and special positions."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from assistant.demo.assortment import BRANDS, CATEGORIES, Category, Item, size_price
from assistant.text import fold

Row = dict[str, Any]

NEW_ITEM_SHARE = 0.05
INACTIVE_SHARE = 0.02
# Each column is 3-5 % cheaper than the one before it (A = base price).
COLUMN_STEP = (0.03, 0.05)


@dataclass
class Catalog:
    """The generated assortment; product id = index + 1 in every list."""

    rows: list[Row] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)
    pack: list[float] = field(default_factory=list)
    min_qty: list[float] = field(default_factory=list)
    sold_from: list[date] = field(default_factory=list)
    sold_to: list[date] = field(default_factory=list)
    staple_ok: list[bool] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    prices: list[list[float]] = field(default_factory=list)  # [column][product]

    def staple_candidates(self, category: str) -> list[int]:
        """Products of `category` a client may buy regularly (active, not new)."""
        return [i for i, c in enumerate(self.category) if c == category and self.staple_ok[i]]


@dataclass(frozen=True)
class _Variant:
    category: Category
    item_no: int
    item: Item
    size_no: int
    brand: str | None


def _variants(rng: random.Random, count: int) -> list[_Variant]:
    """`count` distinct articles: every item and size first, then other brands of them."""
    chosen: list[_Variant] = []
    for level in range(len(BRANDS) + 1):
        batch = [
            _Variant(cat, n, item, s, _brand(level, n))
            for cat in CATEGORIES
            for n, item in enumerate(cat.items)
            for s in range(len(item.sizes))
        ]
        rng.shuffle(batch)
        chosen.extend(batch[: count - len(chosen)])
        if len(chosen) == count:
            break
    order = {cat.key: k for k, cat in enumerate(CATEGORIES)}
    chosen.sort(key=lambda v: (order[v.category.key], v.item_no, v.size_no, v.brand or ""))
    return chosen


def _brand(level: int, item_no: int) -> str | None:
    # Offsetting by the item spreads brands, so one level is not all "Jadranka".
    return None if level == 0 else BRANDS[(level - 1 + item_no * 7) % len(BRANDS)]


def build_catalog(
    rng: random.Random, *, count: int, columns: list[str], today: date, since: date
) -> Catalog:
    """`count` products with prices in every column; history may start at `since`."""
    variants = _variants(rng, count)
    new = set(rng.sample(range(count), round(count * NEW_ITEM_SHARE)))
    rest = [i for i in range(count) if i not in new]
    inactive = set(rng.sample(rest, max(1, round(count * INACTIVE_SHARE))))
    catalog = Catalog(columns=list(columns), prices=[[] for _ in columns])
    numbers: dict[str, int] = {}
    for i, v in enumerate(variants):
        numbers[v.category.key] = numbers.get(v.category.key, 0) + 1
        sku = f"{v.category.prefix}-{numbers[v.category.key]:04d}"
        new_since = today - timedelta(days=rng.randint(1, 60)) if i in new else None
        _add_product(rng, catalog, i, v, sku, new_since=new_since, active=i not in inactive)
        catalog.sold_from.append(new_since or since)
        catalog.sold_to.append(
            today - timedelta(days=rng.randint(120, 300)) if i in inactive else today
        )
    return catalog


def _add_product(
    rng: random.Random,
    catalog: Catalog,
    index: int,
    v: _Variant,
    sku: str,
    *,
    new_since: date | None,
    active: bool,
) -> None:
    size = v.item.sizes[v.size_no]
    name = " ".join(part for part in (v.item.name, v.brand, size) if part)
    other = "; ".join(
        " ".join(part for part in (other, v.brand, size) if part) for other in v.item.other_names
    )
    pack = v.item.pack_for(v.size_no)
    min_packs = v.item.min_packs or (2 if rng.random() < 0.05 else 0)
    catalog.rows.append(
        {
            "id": index + 1,
            "sku": sku,
            "name": name,
            "search_name": fold(name),
            "other_names": other,
            "search_other": fold(other),
            "category": v.category.name,
            "unit": v.item.unit,
            "pack_size": Decimal(pack),
            "min_qty": Decimal(pack * min_packs) if min_packs else None,
            "active": active,
            "new_since": new_since,
            "stock": _stock(rng, pack, is_new=new_since is not None),
        }
    )
    catalog.category.append(v.category.key)
    catalog.folded.append(fold(name))
    catalog.pack.append(float(pack))
    catalog.min_qty.append(float(pack * min_packs))
    catalog.staple_ok.append(active and new_since is None)
    base = size_price(v.item, v.size_no) * (1.0 if v.brand is None else rng.uniform(0.85, 1.25))
    _add_prices(rng, catalog, max(round(base, 2), 0.09))


def _stock(rng: random.Random, pack: int, *, is_new: bool) -> Decimal | None:
    """Most goods are in stock; a few are sold out (0) and for a few stock is unknown."""
    roll = rng.random()
    if not is_new and roll < 0.03:
        return Decimal(0)
    if not is_new and roll < 0.08:
        return None
    return Decimal(pack * rng.randint(5, 300))


def _add_prices(rng: random.Random, catalog: Catalog, base: float) -> None:
    price = base
    for k in range(len(catalog.columns)):
        if k:
            cheaper = round(price * (1 - rng.uniform(*COLUMN_STEP)), 2)
            # Rounding must never make a discounted column equal to the one above it.
            price = max(min(cheaper, round(price - 0.01, 2)), 0.01)
        catalog.prices[k].append(price)


def price_column_rows(
    columns: dict[str, str], existing: dict[str, int]
) -> tuple[list[Row], list[int]]:
    """Rows for the columns of price_columns.yaml not stored yet, and every column's id."""
    rows: list[Row] = []
    ids: list[int] = []
    next_id = max(existing.values(), default=0) + 1
    for position, (code, name) in enumerate(columns.items()):
        if code in existing:
            ids.append(existing[code])
            continue
        rows.append({"id": next_id, "code": code, "name": name, "position": position})
        ids.append(next_id)
        next_id += 1
    return rows, ids


def price_rows(catalog: Catalog, column_ids: list[int]) -> list[Row]:
    """A price for every product in every column (column ids in the catalog's order)."""
    rows: list[Row] = []
    for column_id, prices in zip(column_ids, catalog.prices, strict=True):
        for i, price in enumerate(prices):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "product_id": i + 1,
                    "column_id": column_id,
                    "price": Decimal(f"{price:.2f}"),
                }
            )
    return rows


# Whom promotions target: "" is every type; the rest are ";"-separated type codes.
SPECIAL_TARGETS = ("", "marketer;retail", "", "horeca", "key", "", "own_outlet;retail", "regional")
SPECIAL_TITLES = (
    "Akcija -{pct}%: {name}",
    "Tjedna ponuda: {name}",
    "Prioritetni artikl uprave: {name}",
    "Količinski popust 10+1: {name}",
)


def special_rows(
    rng: random.Random, catalog: Catalog, *, count: int, today: date, client_types: set[str]
) -> list[Row]:
    """Special positions: most valid today, some expired, some starting later."""
    sellable = [
        i
        for i, row in enumerate(catalog.rows)
        if row["active"] and row["stock"] != 0 and catalog.sold_from[i] <= today
    ]
    new = [i for i in sellable if catalog.rows[i]["new_since"] is not None]
    picked = new[:2] + rng.sample([i for i in sellable if i not in new[:2]], count - 2)
    rows: list[Row] = []
    for k, i in enumerate(picked):
        valid_from, valid_to = _validity(rng, k, today)
        targets = SPECIAL_TARGETS[k % len(SPECIAL_TARGETS)].split(";")
        template = (
            "Uvodna cijena za novi artikl: {name}"
            if catalog.rows[i]["new_since"]
            else SPECIAL_TITLES[k % len(SPECIAL_TITLES)]
        )
        rows.append(
            {
                "id": k + 1,
                "product_id": i + 1,
                "title": template.format(
                    pct=rng.choice((5, 10, 15, 20)), name=catalog.rows[i]["name"]
                ),
                "valid_from": valid_from,
                "valid_to": valid_to,
                "client_types": ";".join(t for t in targets if t in client_types),
            }
        )
    return rows


def _validity(rng: random.Random, k: int, today: date) -> tuple[date, date]:
    """Three in five are running today, one has expired, one starts later."""
    kind = k % 5
    if kind == 3:
        end = today - timedelta(days=rng.randint(1, 30))
        return end - timedelta(days=rng.randint(7, 30)), end
    if kind == 4:
        start = today + timedelta(days=rng.randint(3, 20))
        return start, start + timedelta(days=rng.randint(7, 30))
    return today - timedelta(days=rng.randint(0, 20)), today + timedelta(days=rng.randint(3, 30))
