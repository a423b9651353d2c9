"""Line and delivery checks of a draft; each problem says what to change (R16, R17)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from assistant.catalog.pricing import PricedProduct
from assistant.errors import (
    BadQuantity,
    DeskError,
    InsufficientStock,
    InvalidDelivery,
    NoPrice,
    UnknownSku,
)
from assistant.orders.draft import DraftLine, OrderDraft
from assistant.orders.lines import add_line


def merge_lines(lines: Iterable[DraftLine]) -> list[DraftLine]:
    """One line per SKU: a product typed twice means the sum of both quantities."""
    merged: dict[str, Decimal] = {}
    for line in lines:
        add_line(merged, line.sku, line.qty)
    return [DraftLine(sku, qty) for sku, qty in merged.items()]


def check_lines(
    lines: list[DraftLine], priced: dict[str, PricedProduct], *, column: str
) -> list[DeskError]:
    """Known, active, priced products in positive quantities of whole packs."""
    problems: list[DeskError] = []
    for line in lines:
        where = f"lines[{line.sku}]"
        found = priced.get(line.sku)
        if found is None:
            problems.append(
                UnknownSku(
                    f"{line.sku}: no such product. Search the catalogue by name.", field=where
                )
            )
            continue
        product = found.product
        if not product.active:
            problems.append(
                UnknownSku(
                    f"{line.sku} {product.name} is no longer sold (inactive). Offer another.",
                    field=where,
                )
            )
            continue
        problem = _quantity_problem(line.qty, found)
        if problem:
            problems.append(BadQuantity(f"{line.sku} {product.name}: {problem}", field=where))
        elif product.stock is not None and line.qty > product.stock:
            problems.append(
                InsufficientStock(
                    f"{line.sku} {product.name}: only {product.stock.normalize():f} "
                    f"{product.unit} in stock; lower the quantity.",
                    field=where,
                )
            )
        if found.price is None:
            problems.append(
                NoPrice(
                    f"{line.sku} {product.name} has no price in column {column}; "
                    "ask the price-list editor before selling it.",
                    field=where,
                )
            )
    return problems


def _quantity_problem(qty: Decimal, found: PricedProduct) -> str | None:
    product = found.product
    unit = product.unit
    if qty <= 0:
        return f"quantity must be more than 0 (got {qty.normalize():f})."
    pack = Decimal(product.pack_size or 1)
    if pack > 0 and pack != 1 and qty % pack != 0:
        lower = (qty // pack) * pack
        upper = lower + pack
        suggestion = (
            f"{upper.normalize():f}"
            if lower == 0
            else (f"{lower.normalize():f} or {upper.normalize():f}")
        )
        return (
            f"sold in packs of {pack.normalize():f} {unit}; {qty.normalize():f} is not whole "
            f"packs. Use {suggestion}."
        )
    if pack == 1 and qty != qty.to_integral_value() and unit in ("kom", "pc", "pak"):
        return f"counted in whole {unit}; {qty.normalize():f} is not a whole number."
    if product.min_qty is not None and qty < product.min_qty:
        return f"the minimum is {product.min_qty.normalize():f} {unit}."
    return None


def check_delivery(draft: OrderDraft, *, regional: bool, today: date) -> list[DeskError]:
    """A delivery date not in the past, who receives it; regional: pickup or shipping."""
    problems: list[DeskError] = []
    if draft.delivery_date is None and draft.pickup_at is None:
        problems.append(
            InvalidDelivery(
                "Agree the delivery date with the client (delivery.date, YYYY-MM-DD).",
                field="delivery.date",
            )
        )
    if draft.delivery_date is not None and draft.delivery_date < today:
        problems.append(
            InvalidDelivery(
                f"The delivery date {draft.delivery_date.isoformat()} is in the past; "
                f"agree a date from {today.isoformat()} on.",
                field="delivery.date",
            )
        )
    if draft.pickup_at is not None and draft.pickup_at.date() < today:
        problems.append(
            InvalidDelivery(
                f"The pickup time {draft.pickup_at.isoformat(' ', 'minutes')} is in the past.",
                field="regional.pickup_at",
            )
        )
    if regional and draft.pickup_at is None and not draft.ship_to:
        problems.append(
            InvalidDelivery(
                "A regional client either collects at the warehouse or has the goods shipped: "
                "agree when it comes to collect, or where and how to ship (R17).",
                field="regional",
            )
        )
    if draft.pickup_at is None and not draft.receiver:
        problems.append(
            InvalidDelivery(
                "Agree who receives the goods at delivery (receiver): one of the client's "
                "authorised persons (R16).",
                field="receiver",
            )
        )
    return problems
