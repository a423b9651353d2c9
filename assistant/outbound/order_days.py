"""The days a client ordered on, from both sources: the ERP history and orders placed here.

An order placed at the desk often comes back later in the ERP export under another number,
so the two sources are merged per client and day: a day counts once, and the ERP's value
stands for it (never the sum of both, which would count such an order twice).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Date, Float, Select, cast, exists, func, select, union_all
from sqlalchemy.sql import Subquery

from assistant.orders.models import HistoryLine, Order


def placed_day() -> ColumnElement[date]:
    """The calendar day (UTC) an order was placed on, as a date on SQLite and PostgreSQL."""
    return func.date(Order.created_at, type_=Date)


def order_days(*, until: date | None = None) -> Subquery:
    """(client_id, day, value): one row per client and day it ordered on, up to `until`."""
    history = select(
        HistoryLine.client_id.label("client_id"),
        HistoryLine.order_date.label("day"),
        cast(func.sum(HistoryLine.qty * HistoryLine.price), Float).label("value"),
    ).group_by(HistoryLine.client_id, HistoryLine.order_date)
    placed: Select[tuple[int, date, float]] = select(
        Order.client_id.label("client_id"),
        placed_day().label("day"),
        cast(func.sum(Order.total), Float).label("value"),
    ).group_by(Order.client_id, placed_day())
    if until is not None:
        history = history.where(HistoryLine.order_date <= until)
        placed = placed.where(Order.created_at < datetime.combine(until + timedelta(1), time.min))
    # A day already in the ERP history is its day: a desk order on it is not counted again.
    placed = placed.where(
        ~exists().where(
            HistoryLine.client_id == Order.client_id, HistoryLine.order_date == placed_day()
        )
    )
    return union_all(history, placed).subquery("order_days")
