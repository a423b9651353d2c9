"""The lines of an order being taken, one per product."""

from __future__ import annotations

from decimal import Decimal


def add_line(lines: dict[str, Decimal], sku: str, qty: Decimal) -> None:
    """Add `qty` of `sku`: a product added twice means more of it, never a second line."""
    lines[sku] = lines.get(sku, Decimal(0)) + qty
