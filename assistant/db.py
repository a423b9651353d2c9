"""SQLAlchemy base, engine and session factories, and the migrations entry point."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, MetaData, event, false, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import NullPool

from assistant.errors import DatabaseNotReady, DatabaseUnreachable, DeskError
from assistant.i18n import N_, _

T = TypeVar("T")
UNREACHABLE = N_("The database was unreachable: try again.")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Stable constraint names so the same migrations run on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def text_equals(column: Any, value: str) -> ColumnElement[bool]:
    """`column == value`, or no row when `value` holds a NUL.

    A filter box takes whatever is typed or pasted; PostgreSQL refuses a NUL in a text
    parameter (an error, not "no match"), and no stored text holds one: the forms and
    the importers refuse it.
    """
    if "\x00" in value:
        return false()
    return column == value  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    """Declarative base of every table of the desk."""

    metadata = MetaData(naming_convention=NAMING)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout so operators can share it."""
    from sqlalchemy import create_engine

    parsed = make_url(url)
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Several workers (threads or processes) write the same file: wait for the lock
        # instead of failing with "database is locked". Connections are pooled (opening
        # one costs more than most of the desk's queries).
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        if not database or database == ":memory:":
            kwargs["poolclass"] = NullPool
    else:
        # A server restart kills every pooled connection: each checkout pings first and
        # replaces a dead one, so the first card after a restart works.
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling is off (see _sqlite_pragmas); we emit BEGIN
    # ourselves so writers can ask for BEGIN IMMEDIATE: a read-then-write transaction
    # then waits for the lock instead of failing when another writer got there first.
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def writer(engine: Engine) -> Engine:
    """The engine for read-then-write transactions (order placement)."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (results are rendered later)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


def alembic_config(engine: Engine) -> Any:
    """Alembic configuration bound to `engine` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def ensure_ready(engine: Engine) -> None:
    """Refuse early, with the fix, when the schema was never created."""
    if "clients" not in inspect(engine).get_table_names():
        raise DatabaseNotReady(
            f"The database at {engine.url.render_as_string(hide_password=True)} has no "
            "tables yet. Run `desk init` (or `desk init --demo` for the demo company)."
        )


def is_disconnect(exc: BaseException) -> bool:
    """Whether `exc` means the database went away (a restart, a cut), not a bad statement."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    # Refused connections while the server restarts; SQLite's lock timeout asks the same.
    return isinstance(exc, OperationalError)


def unreachable(exc: BaseException) -> DatabaseUnreachable:
    """The refusal an operator reads instead of a traceback."""
    error = DatabaseUnreachable(_(UNREACHABLE))
    error.__cause__ = exc
    return error


def read_again_once(read: Callable[[], T]) -> T:
    """`read()`, run once more when its connection died (reads are safe to repeat)."""
    try:
        return read()
    except DBAPIError as exc:
        if not is_disconnect(exc):
            raise
    try:
        return read()
    except DBAPIError as exc:
        if not is_disconnect(exc):
            raise
        raise unreachable(exc) from exc


def write_or_recover(write: Callable[[], T], *, recover: Callable[[], T | None]) -> T:
    """`write()`; when the connection dies, what `recover()` finds was committed, or a refusal.

    A connection lost at COMMIT leaves it unknown whether the server committed: `recover`
    looks (e.g. the order by its idempotency key) on a fresh connection, so a write is
    reported once or refused, never doubled.
    """
    try:
        return write()
    except DBAPIError as exc:
        if not is_disconnect(exc):
            raise
        lost = exc
    try:
        found = recover()
    except DBAPIError as exc:
        if not is_disconnect(exc):
            raise
        raise unreachable(exc) from exc
    if found is None:
        raise unreachable(lost) from lost
    return found


def engine_for(url: str) -> Engine:
    """The one place the database backend is chosen, with an error that says how to fix it."""
    try:
        backend = make_url(url).get_backend_name()
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several types here
        raise DeskError(
            _(
                "DESK_DATABASE_URL {url!r} is not a database URL ({problem}). Use e.g. "
                "sqlite:///data/desk.db or postgresql+psycopg://user@host:5432/desk."
            ).format(url=url, problem=exc)
        ) from exc
    match backend:
        case "sqlite" | "postgresql":
            return make_engine(url)
        case other:
            raise DeskError(
                _(
                    "DESK_DATABASE_URL uses {backend!r}; the desk runs on SQLite (default) or "
                    "PostgreSQL (postgresql+psycopg://...)."
                ).format(backend=other)
            )
