"""A live quote of the order being typed: prices from the column, a problem per line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.catalog.pricing import PriceBook, choose_column
from assistant.clients.models import Client
from assistant.i18n import _
from assistant.orders.checks import check_lines
from assistant.orders.draft import DraftLine
from assistant.rules import PriceRules

CENT = Decimal("0.01")


def line_total(qty: Decimal, unit_price: Decimal) -> Decimal:
    """qty x unit price in cents, rounded half up: the quote and the order agree to the cent."""
    return (qty * unit_price.quantize(CENT)).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteLine:
    """One line as the order form shows it."""

    sku: str
    name: str
    unit: str
    pack_size: Decimal
    qty: Decimal
    unit_price: Decimal | None
    line_total: Decimal | None
    problem: str | None


@dataclass(frozen=True)
class Quote:
    """The order so far: its column, priced lines and running total."""

    column: str
    lines: list[QuoteLine]
    total: Decimal

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)


class Quoter:
    """Prices a draft the way placement will, without writing anything."""

    def __init__(self, *, prices: PriceBook, price_rules: PriceRules) -> None:
        self._prices = prices
        self._rules = price_rules

    def quote(self, *, client: Client, lines: Sequence[DraftLine]) -> Quote:
        """Lines priced in the client's column, each with its problem if any."""
        return self.in_column(column=choose_column(client, self._rules).column, lines=lines)

    def in_column(self, *, column: str, lines: Sequence[DraftLine]) -> Quote:
        """Lines priced in `column` (the one the client's card chose)."""
        priced = self._prices.lookup(skus=[line.sku for line in lines], column=column)
        problems = {
            p.field.removeprefix("lines[").removesuffix("]"): p.message
            for p in check_lines(list(lines), priced, column=column)
            if p.field
        }
        out = []
        for line in lines:
            found = priced.get(line.sku)
            price = found.price if found else None
            total = line_total(line.qty, price) if price is not None else None
            out.append(
                QuoteLine(
                    sku=line.sku,
                    name=found.product.name if found else _("(unknown product)"),
                    unit=found.product.unit if found else "",
                    pack_size=Decimal(found.product.pack_size or 1) if found else Decimal(1),
                    qty=line.qty,
                    unit_price=price,
                    line_total=total,
                    problem=problems.get(line.sku),
                )
            )
        grand = sum((line.line_total or Decimal(0) for line in out), Decimal(0))
        return Quote(column=column, lines=out, total=grand)


def whole_packs(qty: Decimal, pack: Decimal) -> Decimal:
    """`qty` rounded up to whole packs (a usual quantity of 7 in packs of 6 becomes 12)."""
    if pack <= 0 or qty <= 0:
        return pack if pack > 0 else Decimal(1)
    packs = (qty / pack).to_integral_value(rounding="ROUND_CEILING")
    return packs * pack
