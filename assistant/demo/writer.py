"""Bulk writes of generated rows, and the checks before them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

import assistant.models  # noqa: F401 - registers every table on the metadata
from assistant.db import Base
from assistant.errors import DeskError

Row = dict[str, Any]
# Big enough to amortise round trips, small enough to keep memory flat at 2,000,000 lines.
CHUNK = 20_000


class DatabaseNotEmpty(DeskError):
    """The demo is only ever poured into an empty database."""

    code = "database_not_empty"


def ensure_empty(session: Session) -> None:
    """Refuse, naming what is there, when the database already holds a company."""
    found = {
        name: session.scalar(select(func.count()).select_from(table(name))) or 0
        for name in ("clients", "products", "managers")
    }
    present = {name: n for name, n in found.items() if n}
    if present:
        listed = ", ".join(f"{n} {name}" for name, n in present.items())
        raise DatabaseNotEmpty(
            f"The database already holds {listed}; the demo company is only created in an "
            "empty database. Use a new database file (DESK_DATABASE_URL) or keep this one."
        )


def existing_codes(session: Session, name: str) -> dict[str, int]:
    """Code -> id of rows already stored (departments, price columns set up by `desk init`)."""
    t = table(name)
    return {code: id_ for code, id_ in session.execute(select(t.c.code, t.c.id))}


def insert_rows(session: Session, name: str, rows: Iterable[Row], *, chunk: int = CHUNK) -> int:
    """Insert `rows` into table `name` with executemany in chunks; returns how many."""
    t = table(name)
    write = _copy if _copy_works(session) else _executemany
    batch: list[Row] = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= chunk:
            write(session, t, batch)
            count += len(batch)
            batch = []
    if batch:
        write(session, t, batch)
        count += len(batch)
    return count


def _executemany(session: Session, t: Table, batch: list[Row]) -> None:
    session.execute(insert(t), batch)


def _copy_works(session: Session) -> bool:
    # psycopg runs executemany as one statement per row (pipelined); COPY is ten times faster.
    dialect = session.get_bind().dialect
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


def _copy(session: Session, t: Table, batch: list[Row]) -> None:
    """PostgreSQL COPY of `batch`, inside the session's transaction."""
    columns = list(batch[0])
    connection: Any = session.connection().connection.driver_connection
    statement = f"COPY {t.name} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in batch:
            copy.write_row([row[c] for c in columns])


def restart_sequences(session: Session, names: Iterable[str]) -> None:
    """PostgreSQL: move id sequences past the ids we assigned, so later inserts work."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in names:
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def table(name: str) -> Table:
    """The table called `name`."""
    return Base.metadata.tables[name]
