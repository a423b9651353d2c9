"""What every kind of ERP import shares: the importer contract, lookups and dialect upserts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, cast

from sqlalchemy import ColumnDefault, Select, Table, bindparam, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from assistant.db import Base
from assistant.errors import ImportRefused
from assistant.i18n import _
from ingest.erp.fields import RowError

R = TypeVar("R")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class ImportContext:
    """What the rows are checked against: the phone country and the client types in force."""

    default_country_code: str
    known_client_types: frozenset[str]


class KindImporter(ABC, Generic[R]):
    """Turns rows of one kind into records, then writes records in batches (one commit each)."""

    columns: ClassVar[tuple[str, ...]]
    optional_columns: ClassVar[tuple[str, ...]] = ()
    batch_size: ClassVar[int] = 5_000

    def __init__(self, *, session: Session, context: ImportContext, present: Collection[str]):
        self.session = session
        self.context = context
        self.present = frozenset(present)
        self.prepare()

    def prepare(self) -> None:  # noqa: B027 - most kinds need no lookups
        """Load the lookups (codes to ids) once; called again after a rolled-back batch."""

    @abstractmethod
    def parse(self, row: Mapping[str, str]) -> R:
        """One validated record from a row of cells; raises RowError with the fix."""

    @abstractmethod
    def write(self, records: Sequence[R]) -> tuple[int, int]:
        """Upsert `records`; returns (inserted, updated). Caches change only at the end."""

    def upsert(self, tbl: Table, rows: Sequence[Mapping[str, Any]], **options: Any) -> None:
        """Upsert `rows` into `tbl` in this importer's session (see `upsert`)."""
        upsert(self.session, tbl, rows, **options)


def table(model: type[Base]) -> Table:
    """The Core table of a mapped class (Core statements are what make bulk writes fast)."""
    return cast(Table, model.__table__)


def max_length(model: type[Base], column: str) -> int | None:
    """The declared length of a string column, so a too-long value is refused with the limit."""
    return cast(int | None, getattr(table(model).c[column].type, "length", None))


def code_ids(session: Session, model: type[Base], code_column: str = "code") -> dict[str, int]:
    """Every code of a table mapped to its id, loaded in one query."""
    tbl = table(model)
    rows = session.execute(select(tbl.c[code_column], tbl.c.id))
    return {code: row_id for code, row_id in rows}


def key_set(session: Session, query: Select[Any]) -> set[tuple[Any, ...]]:
    """The rows of `query` as plain tuples: the natural keys already stored."""
    return {tuple(row) for row in session.execute(query)}


def resolve(codes: Mapping[str, int], code: str, column: str, fix: str) -> int:
    """The id of `code`, or a RowError naming the code and the fix (an N_ message id)."""
    try:
        return codes[code]
    except KeyError:
        raise RowError(
            _("{column} {code!r} is unknown: {fix}").format(column=column, code=code, fix=_(fix))
        ) from None


def split_new(keys: Iterable[K], known: Collection[K]) -> tuple[list[K], int]:
    """Keys not yet in the database (first occurrence only) and how many rows update instead."""
    new: dict[K, None] = {}
    updated = 0
    for key in keys:
        if key in known or key in new:
            updated += 1
        else:
            new[key] = None
    return list(new), updated


def upsert(
    session: Session,
    tbl: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    update: Sequence[str],
    accumulate: Sequence[str] = (),
) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE: re-importing a file updates, never duplicates.

    Columns in `accumulate` are added to the stored value instead of replacing it.
    """
    if not rows:
        return
    # One row per key (the last): PostgreSQL refuses a statement that updates a row twice.
    unique = list({tuple(row[name] for name in keys): row for row in rows}.values())
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        insert: Any = postgresql.insert(tbl).from_select(*_unnest(tbl, unique))
    elif dialect == "sqlite":
        insert = sqlite.insert(tbl)
    else:
        raise ImportRefused(
            _("importing needs SQLite or PostgreSQL, not {dialect}: fix the URL").format(
                dialect=dialect
            )
        )
    changes: dict[str, ColumnElement[Any]] = {name: insert.excluded[name] for name in update}
    for name in accumulate:
        changes[name] = tbl.c[name] + insert.excluded[name]
    statement = insert.on_conflict_do_update(
        index_elements=[tbl.c[name] for name in keys], set_=changes
    )
    # SQLite: executemany loops in C over one prepared statement. PostgreSQL: the whole
    # batch travels as one array per column, many times faster than a statement per row.
    session.execute(statement, unique if dialect == "sqlite" else None)


def _unnest(tbl: Table, rows: list[Mapping[str, Any]]) -> tuple[list[str], Select[Any]]:
    """INSERT ... SELECT FROM unnest(arrays): column names and the SELECT of the batch."""
    rows = _with_defaults(tbl, rows)
    names = list(rows[0])
    arrays = [
        bindparam(f"batch_{name}", [row[name] for row in rows], type_=ARRAY(tbl.c[name].type))
        for name in names
    ]
    source = func.unnest(*arrays).table_valued(*names).render_derived(name="batch")
    return names, select(*(source.c[name] for name in names))


def _with_defaults(tbl: Table, rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rows with the Python-side column defaults filled in (INSERT ... SELECT skips them)."""
    defaults: dict[str, Any] = {}
    for column in tbl.columns:
        default = column.default
        if column.primary_key or column.key in rows[0] or not isinstance(default, ColumnDefault):
            continue
        defaults[column.key] = default.arg(None) if default.is_callable else default.arg
    return [{**defaults, **row} for row in rows] if defaults else rows
