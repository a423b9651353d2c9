"""The credit gate: overdue or excess debt blocks an order (R8-R10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.credit.models import Receivable
from assistant.formats import day, money
from assistant.i18n import _, ngettext


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
    reason = _reason(
        overdue=overdue, oldest=oldest, balance=balance, limit=limit, over_limit=over_limit
    )
    return CreditStatus(
        overdue=float(overdue),
        balance=float(balance),
        limit=None if limit is None else float(limit),
        blocked=oldest is not None or over_limit,
        reason=reason,
        oldest_overdue=oldest,
    )


def _reason(
    *,
    overdue: Decimal,
    oldest: OverdueDocument | None,
    balance: Decimal,
    limit: Decimal | None,
    over_limit: bool,
) -> str:
    """The verdict in words, in the language now, amounts and dates in its formats."""
    if oldest is not None and over_limit:
        assert limit is not None
        return ngettext(
            "Order blocked: {overdue} overdue; oldest document {document} was due {due} "
            "({days} day ago), and open balance {balance} is over the credit limit {limit} "
            "by {excess}.",
            "Order blocked: {overdue} overdue; oldest document {document} was due {due} "
            "({days} days ago), and open balance {balance} is over the credit limit {limit} "
            "by {excess}.",
            oldest.days_overdue,
        ).format(
            overdue=money(overdue),
            document=oldest.document,
            due=day(oldest.due_date),
            days=oldest.days_overdue,
            balance=money(balance),
            limit=money(limit),
            excess=money(balance - limit),
        )
    if oldest is not None:
        return ngettext(
            "Order blocked: {overdue} overdue; oldest document {document} was due {due} "
            "({days} day ago).",
            "Order blocked: {overdue} overdue; oldest document {document} was due {due} "
            "({days} days ago).",
            oldest.days_overdue,
        ).format(
            overdue=money(overdue),
            document=oldest.document,
            due=day(oldest.due_date),
            days=oldest.days_overdue,
        )
    if over_limit:
        assert limit is not None
        return _(
            "Order blocked: open balance {balance} is over the credit limit {limit} by {excess}."
        ).format(balance=money(balance), limit=money(limit), excess=money(balance - limit))
    if limit is None:
        return _("No overdue debt; open balance {balance}, no credit limit set.").format(
            balance=money(balance)
        )
    return _(
        "No overdue debt; open balance {balance} of limit {limit} ({available} available)."
    ).format(balance=money(balance), limit=money(limit), available=money(limit - balance))
