"""The few SQL pieces that differ between SQLite and PostgreSQL, each kept in SQL.

The figures run on both; JSON and date arithmetic are written differently by each, so
the queries ask here for the form their database understands.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, case, cast, func, literal
from sqlalchemy.dialects.postgresql import JSON as PG_JSON
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import TableValuedAlias


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def json_pairs(session: Session, column: Any) -> TableValuedAlias:
    """The (key, value) rows of a JSON object column; a NULL, null or non-object has none.

    SQLite: json_each; PostgreSQL: json_each_text (the column is `json` there), fed an
    empty object whenever the value is not an object, since it raises on anything else.
    """
    if is_postgres(session):
        safe = case(
            (func.json_typeof(column) == "object", column),
            else_=cast(literal("{}"), PG_JSON),
        )
        return func.json_each_text(safe).table_valued("key", "value")
    safe = case((func.json_type(column) == "object", column), else_=literal("{}"))
    return func.json_each(safe).table_valued("key", "value")


def day_of(session: Session, column: Any) -> ColumnElement[Any]:
    """The calendar day of a timestamp (a date on PostgreSQL, 'YYYY-MM-DD' on SQLite)."""
    if is_postgres(session):
        return cast(column, Date)
    return func.date(column)


def day_text(value: Any) -> str:
    """A day as the database returned it, as 'YYYY-MM-DD'."""
    return str(value)[:10]
