"""Lines priced from the column, then lowered by the programme that wins each (R14, R15).

The live quote and placement both price through `price_lines`, so they agree to the cent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assistant.catalog.pricing import PricedProduct
from assistant.discounts.engine import BasketLine, Programme, in_reach, winners
from assistant.discounts.prompts import DiscountPrompt, prompt
from assistant.orders.draft import DraftLine

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def line_total(qty: Decimal, unit_price: Decimal) -> Decimal:
    """qty x unit price in cents, rounded half up: the quote and the order agree to the cent."""
    return (qty * unit_price.quantize(CENT)).quantize(CENT, ROUND_HALF_UP)


def discounted(list_price: Decimal, percent: Decimal) -> Decimal:
    """The unit price after `percent` off, in cents."""
    return (list_price * (HUNDRED - percent) / HUNDRED).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class PricedLine:
    """One line: the column price, the discount that won it, what the client pays."""

    sku: str
    qty: Decimal
    list_price: Decimal | None
    discount_percent: Decimal
    discount_code: str | None
    unit_price: Decimal | None
    line_total: Decimal | None


@dataclass(frozen=True)
class AppliedDiscount:
    """A programme on the order and how much it took off."""

    code: str
    title: str
    percent: Decimal
    amount: Decimal

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "code": self.code,
            "title": self.title,
            "percent": float(self.percent),
            "amount": float(self.amount),
        }


def price_lines(
    lines: Sequence[DraftLine],
    priced: Mapping[str, PricedProduct],
    programmes: Sequence[Programme],
) -> tuple[list[PricedLine], list[AppliedDiscount]]:
    """Every line priced (None where the column has no price) and the discounts applied."""
    won = winners(programmes, _basket(lines, priced))
    out: list[PricedLine] = []
    amounts: dict[str, Decimal] = {}
    for line in lines:
        found = priced.get(line.sku)
        price = found.price.quantize(CENT) if found and found.price is not None else None
        programme = won.get(line.sku) if price is not None else None
        if price is None:
            out.append(PricedLine(line.sku, line.qty, None, Decimal(0), None, None, None))
            continue
        percent = programme.percent if programme else Decimal(0)
        unit = discounted(price, percent)
        total = line_total(line.qty, unit)
        code = programme.code if programme else None
        out.append(PricedLine(line.sku, line.qty, price, percent, code, unit, total))
        if programme:
            saved = line_total(line.qty, price) - total
            amounts[programme.code] = amounts.get(programme.code, Decimal(0)) + saved
    by_code = {p.code: p for p in programmes}
    applied = [
        AppliedDiscount(code, by_code[code].title, by_code[code].percent, amount)
        for code, amount in sorted(amounts.items())
    ]
    return out, applied


def discount_prompts(
    lines: Sequence[DraftLine],
    priced: Mapping[str, PricedProduct],
    programmes: Sequence[Programme],
) -> list[DiscountPrompt]:
    """A sentence for each programme the draft is at least half-way to (R15)."""
    names = {sku: (found.product.name, found.product.unit) for sku, found in priced.items()}
    return [prompt(reach, names=names) for reach in in_reach(programmes, _basket(lines, priced))]


def _basket(lines: Sequence[DraftLine], priced: Mapping[str, PricedProduct]) -> list[BasketLine]:
    """The priced lines as the rules see them, valued at the column price."""
    return [
        BasketLine(line.sku, found.product.category, line.qty, line_total(line.qty, found.price))
        for line in lines
        if (found := priced.get(line.sku)) is not None and found.price is not None
    ]
