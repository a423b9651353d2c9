"""Each client's ordering rhythm, worked out in SQL: order days, the median gap between
them, the last one, the total value; only the clients silent for longer than `factor`
times their median gap come back (a few thousand rows out of millions of history lines).

Window functions (SQLite 3.25+, PostgreSQL) give each order day its gap to the one before
and, per client, its count, first and last day and total; ranking the gaps per client
picks the middle one or two, whose mean is the median.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Float, Select, and_, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from assistant.clients.models import Client
from assistant.outbound.order_days import order_days

EPOCH = date(2000, 1, 1)


def day_number(dialect: str, day: Any) -> Any:
    """A day as a count of days, so two subtract to the days between them."""
    if dialect == "sqlite":
        return func.julianday(day)
    return cast(day, Date) - literal(EPOCH, Date)


def silent_too_long(
    session: Session, *, as_of: date, factor: float, min_orders: int, client_type: str | None
) -> Select[Any]:
    """(client_id, days, span, silent, total, usual): clients with `min_orders` order days or
    more whose days since the last (`silent`) exceed `factor` times their median gap
    (`usual`); `span` is the days from the first order day to the last."""
    dialect = session.get_bind().dialect.name
    days = order_days(until=as_of)
    number = day_number(dialect, days.c.day)
    client = days.c.client_id
    gaps = select(
        days.c.client_id,
        (number - func.lag(number).over(partition_by=client, order_by=days.c.day)).label("gap"),
        func.count().over(partition_by=client).label("days"),
        func.min(number).over(partition_by=client).label("first"),
        func.max(number).over(partition_by=client).label("last"),
        func.sum(days.c.value).over(partition_by=client).label("total"),
    )
    if client_type:
        typed = select(Client.id).where(Client.type == client_type)
        gaps = gaps.where(days.c.client_id.in_(typed))
    g = gaps.subquery("gaps")
    ranked = (
        select(
            g, func.row_number().over(partition_by=g.c.client_id, order_by=g.c.gap).label("rank")
        )
        .where(g.c.gap.is_not(None), g.c.days >= min_orders)
        .subquery("ranked")
    )
    # With n order days there are n - 1 gaps: the middle ones rank n / 2 and (n + 1) / 2.
    middle = or_(
        ranked.c.rank == ranked.c.days // 2,
        ranked.c.rank == (ranked.c.days + 1) // 2,
    )
    usual = cast(func.avg(ranked.c.gap), Float)
    today = day_number(dialect, literal(as_of, Date))
    return (
        select(
            ranked.c.client_id,
            func.max(ranked.c.days).label("days"),
            (func.max(ranked.c.last) - func.max(ranked.c.first)).label("span"),
            (today - func.max(ranked.c.last)).label("silent"),
            cast(func.max(ranked.c.total), Float).label("total"),
            usual.label("usual"),
        )
        .where(middle)
        .group_by(ranked.c.client_id)
        .having(and_(today - func.max(ranked.c.last) > factor * usual))
    )
