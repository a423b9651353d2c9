"""Order history read from SQL into numpy columns, whole or only the lines appended since.

One Core SELECT read in chunks straight from the DBAPI cursor; dates become day numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    cast,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection

from assistant.clients.models import Client
from assistant.orders.models import HistoryLine

EPOCH = date(1970, 1, 1)
_JULIAN_EPOCH = 2440587.5  # julianday('1970-01-01') in SQLite
_CHUNK = 200_000


def day_number(day: date) -> int:
    """Days since 1970-01-01: how dates are kept in the arrays."""
    return (day - EPOCH).days


def day_date(number: int) -> date:
    """The date of a day number."""
    return EPOCH + timedelta(days=int(number))


@dataclass
class HistoryColumns:
    """History lines as loaded, one entry per line, in load order."""

    client: np.ndarray
    order: np.ndarray
    day: np.ndarray
    product: np.ndarray
    qty: np.ndarray
    max_id: int = 0
    # order_no -> dense order code; kept so appended lines join their orders.
    order_codes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> HistoryColumns:
        """No history at all."""
        ints = np.zeros(0, dtype=np.int64)
        return cls(ints, ints, ints, ints, np.zeros(0, dtype=np.float64))

    @classmethod
    def joined(cls, parts: list[HistoryColumns]) -> HistoryColumns:
        """The lines of `parts` in order; the last part's order codes and max id win."""
        if not parts:
            return cls.empty()
        return cls(
            client=np.concatenate([p.client for p in parts]),
            order=np.concatenate([p.order for p in parts]),
            day=np.concatenate([p.day for p in parts]),
            product=np.concatenate([p.product for p in parts]),
            qty=np.concatenate([p.qty for p in parts]),
            max_id=max(p.max_id for p in parts),
            order_codes=parts[-1].order_codes,
        )


def history_max_id(conn: Connection) -> int:
    """The newest history line id (0 when empty): a one-seek freshness check."""
    return int(conn.execute(select(func.max(HistoryLine.id))).scalar() or 0)


def _day_number_column(dialect: str) -> ColumnElement[Any]:
    """order_date as days since 1970-01-01, computed by the database where it can."""
    match dialect:
        case "sqlite":
            return cast(func.julianday(HistoryLine.order_date) - _JULIAN_EPOCH, Integer)
        case "postgresql":
            return type_coerce(HistoryLine.order_date - literal(EPOCH, Date), Integer)
        case _:
            return cast(HistoryLine.order_date, String(10))


def _column(rows: Sequence[Sequence[Any]], position: int, dtype: type) -> np.ndarray:
    """One column of fetched rows as an array (itemgetter: far faster than zip(*rows))."""
    return np.fromiter(map(itemgetter(position), rows), dtype=dtype, count=len(rows))


def _day_numbers(rows: Sequence[Sequence[Any]]) -> np.ndarray:
    """Day numbers from what _day_number_column returned (ints, or ISO text elsewhere)."""
    if rows and isinstance(rows[0][2], str):
        iso = [value[:10] for value in map(itemgetter(2), rows)]
        return np.array(iso, dtype="datetime64[D]").astype(np.int64)
    return _column(rows, 2, np.int64)


def _order_codes(order_nos: list[str], codes: dict[str, int]) -> np.ndarray:
    """Dense codes of order numbers, extending `codes` with orders not seen before."""
    for order_no in dict.fromkeys(order_nos):  # each new order once, in first-seen order
        if order_no not in codes:
            codes[order_no] = len(codes)
    return np.fromiter(map(codes.__getitem__, order_nos), dtype=np.int64, count=len(order_nos))


def load_history(
    conn: Connection, *, after_id: int = 0, order_codes: dict[str, int] | None = None
) -> HistoryColumns:
    """History lines with id > after_id, read in chunks straight into arrays."""
    codes = dict(order_codes or {})
    # The upper bound keeps max_id exact while other sessions keep appending.
    max_id = history_max_id(conn)
    query = select(
        HistoryLine.order_no,
        HistoryLine.client_id,
        _day_number_column(conn.dialect.name),
        HistoryLine.product_id,
        HistoryLine.qty,
    ).where(HistoryLine.id > after_id, HistoryLine.id <= max_id)
    # Read straight from the DBAPI cursor: the values need no conversion, and Row objects
    # for millions of lines would cost more than the database itself. No stream_results:
    # its buffered strategy pre-fetches rows the raw cursor would then miss.
    result = conn.execute(query)
    cursor = result.cursor
    parts: list[HistoryColumns] = []
    while rows := cursor.fetchmany(_CHUNK):
        parts.append(
            HistoryColumns(
                client=_column(rows, 1, np.int64),
                order=_order_codes(list(map(itemgetter(0), rows)), codes),
                day=_day_numbers(rows),
                product=_column(rows, 3, np.int64),
                qty=_column(rows, 4, np.float64),
            )
        )
    result.close()
    merged = HistoryColumns.joined(parts)
    merged.max_id, merged.order_codes = max(max_id, after_id), codes
    return merged


def load_client_types(conn: Connection) -> dict[int, str]:
    """Client id -> client type code."""
    return {int(cid): str(kind) for cid, kind in conn.execute(select(Client.id, Client.type))}
