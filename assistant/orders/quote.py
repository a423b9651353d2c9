"""A live quote of the order being typed: prices from the column, a problem per line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from assistant.catalog.pricing import PriceBook, choose_column
from assistant.clients.models import Client
from assistant.discounts.engine import DiscountBook
from assistant.discounts.prompts import DiscountPrompt
from assistant.i18n import _
from assistant.orders.checks import check_lines
from assistant.orders.discounting import (
    CENT,
    AppliedDiscount,
    discount_prompts,
    line_total,
    price_lines,
)
from assistant.orders.draft import DraftLine
from assistant.rules import PriceRules

__all__ = ["CENT", "Quote", "QuoteLine", "Quoter", "line_total", "whole_packs"]


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
    # The column's price, and the percent of the programme that lowered it (R15).
    list_price: Decimal | None = None
    discount_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class Quote:
    """The order so far: its column, priced lines and running total."""

    column: str
    lines: list[QuoteLine]
    total: Decimal
    discounts: list[AppliedDiscount] = field(default_factory=list)
    # Programmes the draft is half-way to, as sentences to read out.
    prompts: list[DiscountPrompt] = field(default_factory=list)

    @property
    def has_problems(self) -> bool:
        return any(line.problem for line in self.lines)


class Quoter:
    """Prices a draft the way placement will, without writing anything."""

    def __init__(
        self,
        *,
        prices: PriceBook,
        price_rules: PriceRules,
        discounts: DiscountBook,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._prices = prices
        self._rules = price_rules
        self._discounts = discounts
        self._today = today

    def quote(self, *, client: Client, lines: Sequence[DraftLine]) -> Quote:
        """Lines priced in the client's column, each with its problem if any."""
        return self.in_column(
            column=choose_column(client, self._rules).column, lines=lines, client_type=client.type
        )

    def in_column(
        self,
        *,
        column: str,
        lines: Sequence[DraftLine],
        client_type: str | None,
        day: date | None = None,
    ) -> Quote:
        """Lines priced in `column` (the card's), lowered by the programmes for `client_type`."""
        priced = self._prices.lookup(skus=[line.sku for line in lines], column=column)
        programmes = (
            self._discounts.in_force(client_type=client_type, day=day or self._today())
            if client_type is not None
            else []
        )
        priced_lines, applied = price_lines(lines, priced, programmes)
        problems = {
            p.field.removeprefix("lines[").removesuffix("]"): p.message
            for p in check_lines(list(lines), priced, column=column)
            if p.field
        }
        out = []
        for line, price in zip(lines, priced_lines, strict=True):
            found = priced.get(line.sku)
            out.append(
                QuoteLine(
                    sku=line.sku,
                    name=found.product.name if found else _("(unknown product)"),
                    unit=found.product.unit if found else "",
                    pack_size=Decimal(found.product.pack_size or 1) if found else Decimal(1),
                    qty=line.qty,
                    unit_price=price.unit_price,
                    line_total=price.line_total,
                    problem=problems.get(line.sku),
                    list_price=price.list_price,
                    discount_percent=price.discount_percent,
                )
            )
        grand = sum((line.line_total or Decimal(0) for line in out), Decimal(0))
        prompts = discount_prompts(lines, priced, programmes)
        return Quote(column=column, lines=out, total=grand, discounts=applied, prompts=prompts)


def whole_packs(qty: Decimal, pack: Decimal) -> Decimal:
    """`qty` rounded up to whole packs (a usual quantity of 7 in packs of 6 becomes 12)."""
    if pack <= 0 or qty <= 0:
        return pack if pack > 0 else Decimal(1)
    packs = (qty / pack).to_integral_value(rounding="ROUND_CEILING")
    return packs * pack
