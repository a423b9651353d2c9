"""The demo assortment: food categories, their items, sizes, packs, base prices and the
items' English and Russian names (CSV)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib.resources import files


@dataclass(frozen=True)
class Item:
    """An article the wholesaler stocks in one or more sizes."""

    name: str
    sizes: tuple[str, ...]
    price: float  # column A, EUR, of the first size
    packs: tuple[int, ...]  # pack size per size; the last one repeats
    unit: str
    min_packs: int  # smallest order in packs (0: no minimum)
    # What clients call it in English and Russian: the product's other names.
    other_names: tuple[str, ...] = ()

    def pack_for(self, size_index: int) -> int:
        """How many units one pack of the size holds."""
        return self.packs[min(size_index, len(self.packs) - 1)]


@dataclass(frozen=True)
class Category:
    """A category of the assortment; `key` is what client profiles refer to."""

    key: str
    name: str
    prefix: str
    items: tuple[Item, ...]


def _load(name: str = "assortment.csv") -> tuple[Category, ...]:
    """The categories and items of the CSV shipped beside this module, in file order."""
    items: dict[tuple[str, str, str], list[Item]] = {}
    text = files("assistant.demo").joinpath(name).read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        key = (row["category"], row["category_name"], row["prefix"])
        items.setdefault(key, []).append(
            Item(
                name=row["name"],
                sizes=tuple(row["sizes"].split("|")),
                price=float(row["price"]),
                packs=tuple(int(p) for p in row["packs"].split("|")),
                unit=row["unit"],
                min_packs=int(row["min_packs"]),
                other_names=tuple(
                    n.strip() for n in (row.get("name_en", ""), row.get("name_ru", "")) if n
                ),
            )
        )
    return tuple(Category(k, n, prefix, tuple(its)) for (k, n, prefix), its in items.items())


# Categories, articles, sizes, packs and base prices: data, in assortment.csv.
CATEGORIES: tuple[Category, ...] = _load()

# House brands and lines: the same article from another producer is another SKU.
BRANDS: tuple[str, ...] = tuple(
    str.split(
        "Jadranka|Zlatno polje|Slavonka|Velebit|Kvarner|Istra Gold|Panonija|Bio vrt|Gastro Pro|"
        "Zagorka|Lika|Dalmatino|Sunčani dvori|Mediteran|Domaćica|Plavi val",
        "|",
    )
)

_SIZE = re.compile(r"^(?:(\d+) x )?(\d+(?:,\d+)?) ?(g|kg|ml|l|kom|m)$")
_TO_BASE = {"g": 1.0, "kg": 1000.0, "ml": 1.0, "l": 1000.0, "kom": 1.0, "m": 1.0}


def size_amount(size: str) -> float:
    """The quantity a size label holds, in grams, millilitres, pieces or metres."""
    if not size:
        return 1.0
    match = _SIZE.match(size)
    if match is None:
        raise ValueError(f"unreadable size {size!r}")
    count, amount, unit = match.groups()
    return int(count or 1) * float(amount.replace(",", ".")) * _TO_BASE[unit]


def size_price(item: Item, size_index: int) -> float:
    """Column A price of one size: bigger packages cost less per kilogram or litre."""
    ratio = size_amount(item.sizes[size_index]) / size_amount(item.sizes[0])
    return item.price * ratio**0.92
