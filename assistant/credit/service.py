"""The credit gate: overdue or excess debt blocks an order (R8-R10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.credit.models import Receivable


@dataclass(frozen=True)
class OverdueDocument:
    """The oldest unpaid document past its due date."""

    document: str
    due_date: date
    open_amount: float
    days_overdue: int


@dataclass(frozen=True)
class CreditStatus:
    """What the client owes, against its limit, and whether an order may be taken."""

    overdue: float
    balance: float
    limit: float | None
    blocked: bool
    reason: str
    oldest_overdue: OverdueDocument | None = None

    @property
    def headroom(self) -> float | None:
        """How much more can be ordered on credit (R10); None when there is no limit."""
        return None if self.limit is None else round(self.limit - self.balance, 2)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        oldest = self.oldest_overdue
        return {
            "overdue": self.overdue,
            "balance": self.balance,
            "limit": self.limit,
            "headroom": self.headroom,
            "blocked": self.blocked,
            "reason": self.reason,
            "oldest_overdue": None
            if oldest is None
            else {
                "document": oldest.document,
                "due_date": oldest.due_date.isoformat(),
                "open_amount": oldest.open_amount,
                "days_overdue": oldest.days_overdue,
            },
        }


class CreditService:
    """Reads receivables and applies the gate."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def check(self, *, client_id: int, limit: Decimal | None, as_of: date) -> CreditStatus:
        """Overdue amount, open balance and the verdict for one client on `as_of`."""
        with self._sessions() as session:
            rows = session.execute(
                select(Receivable.document, Receivable.amount, Receivable.paid, Receivable.due_date)
                .where(Receivable.client_id == client_id)
                .where(Receivable.amount > Receivable.paid)
            ).all()
        return assess(
            [(doc, Decimal(amount) - Decimal(paid), due) for doc, amount, paid, due in rows],
            limit=limit,
            as_of=as_of,
        )


def assess(
    open_documents: list[tuple[str, Decimal, date]], *, limit: Decimal | None, as_of: date
) -> CreditStatus:
    """The gate itself: overdue = open past due; excess = open balance above the limit."""
    balance = sum((amount for _d, amount, _due in open_documents), Decimal(0))
    late = sorted((due, doc, amount) for doc, amount, due in open_documents if due < as_of)
    overdue = sum((amount for _due, _doc, amount in late), Decimal(0))
    oldest = None
    if late:
        due, doc, amount = late[0]
        oldest = OverdueDocument(doc, due, float(amount), (as_of - due).days)
    over_limit = limit is not None and balance > limit
    reasons = []
    if oldest is not None:
        reasons.append(
            f"{_money(overdue)} overdue; oldest document {oldest.document} was due "
            f"{oldest.due_date.isoformat()} ({oldest.days_overdue} days ago)"
        )
    if over_limit:
        assert limit is not None
        reasons.append(
            f"open balance {_money(balance)} is over the credit limit {_money(limit)} "
            f"by {_money(balance - limit)}"
        )
    if reasons:
        reason = "Order blocked: " + " and ".join(reasons) + "."
    elif limit is None:
        reason = f"No overdue debt; open balance {_money(balance)}, no credit limit set."
    else:
        reason = (
            f"No overdue debt; open balance {_money(balance)} of limit {_money(limit)} "
            f"({_money(limit - balance)} available)."
        )
    return CreditStatus(
        overdue=float(overdue),
        balance=float(balance),
        limit=None if limit is None else float(limit),
        blocked=bool(reasons),
        reason=reason,
        oldest_overdue=oldest,
    )


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"
