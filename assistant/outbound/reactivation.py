"""Reactivated sleepers (R23, R26): a client picked as sleeping, reached on its task call
(outcome "done"; an unreachable one was not woken by it), that ordered again within 30
days of that call.

An order counts from the call on: a placed order made at or after the call, or an ERP
history line dated on the call's day or later, up to 30 days after that day. Computed in
SQL: two EXISTS over the indexed client columns, so it stays quick over a large history.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from assistant.clients.models import Client
from assistant.orders.models import HistoryLine, Order
from assistant.outbound.models import TaskClient
from assistant.outbound.order_days import placed_day

WINDOW_DAYS = 30


def _days_after(dialect: str, moment: Any, days: int) -> ColumnElement[date]:
    """The calendar day `days` after `moment`'s, on SQLite or PostgreSQL."""
    if dialect == "sqlite":
        return func.date(moment, f"+{days} days", type_=Date)
    return func.date(moment, type_=Date) + days  # type: ignore[no-any-return]


def reactivated_ids(session: Session) -> Select[Any]:
    """The ids of the task clients picked as sleeping that ordered within the window."""
    dialect = session.get_bind().dialect.name
    called = TaskClient.called_at
    first_day = func.date(called, type_=Date)
    last_day = _days_after(dialect, called, WINDOW_DAYS)
    in_history = exists().where(
        HistoryLine.client_id == TaskClient.client_id,
        HistoryLine.order_date >= first_day,
        HistoryLine.order_date <= last_day,
    )
    placed = exists().where(
        Order.client_id == TaskClient.client_id,
        Order.created_at >= called,
        placed_day() <= last_day,
    )
    return select(TaskClient.id).where(
        and_(
            TaskClient.was_sleeping.is_(True),
            TaskClient.status == "done",
            called.is_not(None),
            or_(in_history, placed),
        )
    )


def reactivated(
    session: Session,
    start: date,
    end: date,
    *,
    operator: str | None = None,
    client_type: str | None = None,
) -> int:
    """How many sleepers called on a task between `start` and `end` (both days included)
    ordered again within 30 days of that call; optionally one operator's, one client type's.

    For the reports: a plain count over a session, no rights checked here.
    """
    query = reactivated_ids(session).where(
        TaskClient.called_at >= datetime.combine(start, time.min),
        TaskClient.called_at < datetime.combine(end + timedelta(days=1), time.min),
    )
    if operator:
        query = query.where(TaskClient.operator == operator)
    if client_type:
        query = query.join(Client, Client.id == TaskClient.client_id).where(
            Client.type == client_type
        )
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def reactivated_in_task(session: Session, task_id: int) -> set[int]:
    """The ids of one task's clients that count as reactivated."""
    return set(session.scalars(reactivated_ids(session).where(TaskClient.task_id == task_id)))
