"""Which programme lowers each line of a draft: the highest percent that applies, never a sum."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.discounts.models import DiscountRule


@dataclass(frozen=True)
class Programme:
    """A discount rule as plain values, read once."""

    code: str
    title: str
    client_types: tuple[str, ...]
    sku: str | None
    category: str | None
    min_qty: Decimal
    min_order_value: Decimal
    percent: Decimal
    valid_from: date | None = None
    valid_to: date | None = None

    def offered_to(self, client_type: str, day: date) -> bool:
        """Within its dates, and for this type (no types listed: every type)."""
        if self.valid_from and day < self.valid_from or self.valid_to and day > self.valid_to:
            return False
        return not self.client_types or client_type in self.client_types


@dataclass(frozen=True)
class BasketLine:
    """A line as the rules see it: its product's category and its value at the column price."""

    sku: str
    category: str
    qty: Decimal
    value: Decimal


def winners(programmes: Sequence[Programme], lines: Sequence[BasketLine]) -> dict[str, Programme]:
    """Each discounted line's sku with the programme that gives it the highest percent."""
    order_value = sum((line.value for line in lines), Decimal(0))
    by_category: dict[str, Decimal] = {}
    for line in lines:
        key = line.category.casefold()
        by_category[key] = by_category.get(key, Decimal(0)) + line.qty
    best: dict[str, Programme] = {}
    for line in lines:
        for p in programmes:
            if p.sku is not None:
                met = p.sku == line.sku and line.qty >= p.min_qty
            elif p.category is not None:
                met = p.category.casefold() == line.category.casefold() and (
                    by_category[line.category.casefold()] >= p.min_qty
                )
            else:
                met = order_value >= p.min_order_value
            # Ties go to the first by code, so the same draft is always priced the same.
            if met and (line.sku not in best or p.percent > best[line.sku].percent):
                best[line.sku] = p
    return best


class DiscountBook:
    """The programmes in force for a client type on a day, from the database."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def in_force(self, *, client_type: str, day: date) -> list[Programme]:
        """Rules within their dates for `client_type`, by code."""
        query = (
            select(DiscountRule)
            .where(or_(DiscountRule.valid_from.is_(None), DiscountRule.valid_from <= day))
            .where(or_(DiscountRule.valid_to.is_(None), DiscountRule.valid_to >= day))
            .order_by(DiscountRule.code)
        )
        with self._sessions() as session:
            found = [_programme(rule) for rule in session.scalars(query)]
        return [p for p in found if p.offered_to(client_type, day)]


def _programme(rule: DiscountRule) -> Programme:
    return Programme(
        code=rule.code,
        title=rule.title,
        client_types=tuple(t for t in rule.client_types.split(";") if t),
        sku=rule.sku,
        category=rule.category,
        min_qty=rule.min_qty or Decimal(0),
        min_order_value=rule.min_order_value or Decimal(0),
        percent=rule.percent,
        valid_from=rule.valid_from,
        valid_to=rule.valid_to,
    )


@dataclass(frozen=True)
class Reach:
    """A programme the draft has at least half of: what is still missing for it."""

    programme: Programme
    missing_qty: Decimal | None
    missing_value: Decimal | None


def in_reach(programmes: Sequence[Programme], lines: Sequence[BasketLine]) -> list[Reach]:
    """Programmes not yet met whose threshold the draft has reached half of (R15 prompts)."""
    won = winners(programmes, lines)
    out = []
    for p in programmes:
        if p.sku is not None:
            mine = [line for line in lines if line.sku == p.sku]
            have, need = sum((line.qty for line in mine), Decimal(0)), p.min_qty
        elif p.category is not None:
            mine = [line for line in lines if line.category.casefold() == p.category.casefold()]
            have, need = sum((line.qty for line in mine), Decimal(0)), p.min_qty
        else:
            mine = list(lines)
            have, need = sum((line.value for line in lines), Decimal(0)), p.min_order_value
        if not mine or have >= need or have * 2 < need:
            continue
        # Pointless when every line it would lower has as much off already.
        if all(line.sku in won and won[line.sku].percent >= p.percent for line in mine):
            continue
        by_qty = p.sku is not None or p.category is not None
        out.append(Reach(p, need - have if by_qty else None, None if by_qty else need - have))
    return out
