"""Invoices of the demo clients: paid, open within terms, overdue, or over the limit."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from assistant.demo.clients import ClientPlan

Row = dict[str, Any]
PAYMENT_TERMS = (15, 30, 60)


def receivable_rows(rng: random.Random, plans: list[ClientPlan], today: date) -> list[Row]:
    """Documents of every client, shaped by its planned credit state."""
    rows: list[Row] = []
    for plan in plans:
        for issued, due, amount, paid in _documents(rng, plan, today):
            rows.append(
                {
                    "id": len(rows) + 1,
                    "client_id": plan.id,
                    "document": f"RN-{issued.year}-{len(rows) + 1:06d}",
                    "amount": _money(amount),
                    "due_date": due,
                    "paid": _money(paid),
                }
            )
    return rows


Document = tuple[date, date, float, float]  # issued, due, amount, paid


def _documents(rng: random.Random, plan: ClientPlan, today: date) -> Iterator[Document]:
    limit = float(plan.credit_limit)
    yield from _settled(rng, limit, today, count=rng.randint(0, 2 if plan.credit == "clean" else 5))
    if plan.credit == "clean":
        return
    if plan.credit == "over_limit":
        # Not late, just too much: the open balance alone is above the limit.
        shares = [rng.uniform(1, 3) for _ in range(rng.randint(2, 4))]
        target = limit * rng.uniform(1.05, 1.4)
        amounts = [target * s / sum(shares) for s in shares]
        yield from _open(rng, today, amounts, partly_paid=False)
        return
    amounts = [limit * rng.uniform(0.05, 0.18) for _ in range(rng.randint(1, 3))]
    yield from _open(rng, today, amounts, partly_paid=True)
    if plan.credit == "overdue":
        yield from _late(rng, limit, today, count=rng.randint(1, 2))


def _settled(rng: random.Random, limit: float, today: date, *, count: int) -> Iterator[Document]:
    """Older invoices, paid in full."""
    for _ in range(count):
        issued = today - timedelta(days=rng.randint(40, 400))
        amount = limit * rng.uniform(0.05, 0.25)
        yield issued, issued + timedelta(days=rng.choice(PAYMENT_TERMS)), amount, amount


def _open(
    rng: random.Random, today: date, amounts: list[float], *, partly_paid: bool
) -> Iterator[Document]:
    """Recent invoices not yet due, some of them partly paid."""
    for amount in amounts:
        terms = rng.choice(PAYMENT_TERMS)
        issued = today - timedelta(days=rng.randint(0, terms - 1))
        paid = amount * rng.uniform(0.2, 0.6) if partly_paid and rng.random() < 0.2 else 0.0
        yield issued, issued + timedelta(days=terms), amount, paid


def _late(rng: random.Random, limit: float, today: date, *, count: int) -> Iterator[Document]:
    """Invoices past their due date and not (fully) paid."""
    for _ in range(count):
        terms = rng.choice(PAYMENT_TERMS)
        due = today - timedelta(days=rng.randint(5, 75))
        amount = limit * rng.uniform(0.05, 0.15)
        paid = amount * rng.uniform(0.1, 0.5) if rng.random() < 0.3 else 0.0
        yield due - timedelta(days=terms), due, amount, paid


def _money(amount: float) -> Decimal:
    return Decimal(f"{amount:.2f}")
