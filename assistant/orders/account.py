"""A client's account for the Clients page: what it ordered and what it still owes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.credit.models import Receivable
from assistant.orders.models import HistoryLine, Order


@dataclass(frozen=True)
class PastOrder:
    """One order of the client's ERP history, its lines summed up."""

    order_no: str
    order_date: date
    lines_count: int
    total: float


@dataclass(frozen=True)
class DeskOrder:
    """One order placed at the desk for the client."""

    order_no: str
    placed_on: date
    delivery_date: date
    status: str
    lines_count: int
    total: float
    operator: str


@dataclass(frozen=True)
class OrderHistory:
    """The client's recent orders: from the ERP history and from the desk."""

    past: list[PastOrder]
    desk: list[DeskOrder]

    @property
    def empty(self) -> bool:
        """Whether the client has never ordered."""
        return not self.past and not self.desk


@dataclass(frozen=True)
class Debt:
    """One open document (invoice) of the client."""

    document: str
    due_date: date
    amount: float
    paid: float
    open_amount: float
    days_overdue: int

    @property
    def overdue(self) -> bool:
        """Past its due date and still not paid."""
        return self.days_overdue > 0


@dataclass(frozen=True)
class Debts:
    """The client's open documents on a day, oldest due first, with their sums."""

    as_of: date
    documents: list[Debt]
    open_total: float
    overdue_total: float

    @property
    def overdue_count(self) -> int:
        """How many documents are past due."""
        return sum(1 for d in self.documents if d.overdue)


class ClientAccount:
    """Reads a client's order history and open receivables."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def history(self, *, client_id: int, limit: int = 20) -> OrderHistory:
        """The `limit` most recent ERP orders and desk orders, newest first."""
        with self._sessions() as session:
            return OrderHistory(
                past=_past_orders(session, client_id, limit),
                desk=_desk_orders(session, client_id, limit),
            )

    def debts(self, *, client_id: int, as_of: date) -> Debts:
        """Open documents on `as_of`, oldest due first; paid ones are left out."""
        with self._sessions() as session:
            rows = session.execute(
                select(Receivable.document, Receivable.amount, Receivable.paid, Receivable.due_date)
                .where(Receivable.client_id == client_id)
                .where(Receivable.amount > Receivable.paid)
                .order_by(Receivable.due_date, Receivable.document)
            ).all()
        documents = [
            Debt(
                document=doc,
                due_date=due,
                amount=float(amount),
                paid=float(paid),
                # Decimal arithmetic so 0.1 + 0.2 style drift never shows in money.
                open_amount=float(Decimal(amount) - Decimal(paid)),
                days_overdue=max((as_of - due).days, 0),
            )
            for doc, amount, paid, due in rows
        ]
        return Debts(
            as_of=as_of,
            documents=documents,
            open_total=_sum(d.open_amount for d in documents),
            overdue_total=_sum(d.open_amount for d in documents if d.overdue),
        )


def _past_orders(session: Session, client_id: int, limit: int) -> list[PastOrder]:
    # Grouped in SQL: a regular client has thousands of history lines.
    query = (
        select(
            HistoryLine.order_no,
            func.max(HistoryLine.order_date).label("day"),
            func.count(HistoryLine.id),
            func.sum(HistoryLine.qty * HistoryLine.price),
        )
        .where(HistoryLine.client_id == client_id)
        .group_by(HistoryLine.order_no)
        .order_by(func.max(HistoryLine.order_date).desc(), HistoryLine.order_no.desc())
        .limit(limit)
    )
    return [
        PastOrder(order_no=no, order_date=day, lines_count=count, total=round(float(total), 2))
        for no, day, count, total in session.execute(query)
    ]


def _desk_orders(session: Session, client_id: int, limit: int) -> list[DeskOrder]:
    query = select(Order).where(Order.client_id == client_id).order_by(Order.id.desc())
    return [
        DeskOrder(
            order_no=order.order_no,
            placed_on=order.created_at.date(),
            delivery_date=order.delivery_date,
            status=order.status,
            lines_count=len(order.lines),
            total=float(order.total),
            operator=order.operator,
        )
        for order in session.scalars(query.limit(limit))
    ]


def _sum(amounts: Iterable[float]) -> float:
    return round(sum(amounts, 0.0), 2)
