"""Shared fixtures: a migrated database on SQLite and, where it runs, on PostgreSQL.

`db_url` is parametrised over both backends. PostgreSQL tests skip with a printed
reason only when the server is truly absent; with DESK_REQUIRE_POSTGRES=1 (CI)
an absent server is a failure, never a skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings
from assistant.db import Base, make_engine, make_session_factory, migrate
from assistant.i18n import set_default_language

# The suite's older tests read English; the Croatian screens and texts have their own tests
# (tests/i18n), which pick hr explicitly. The product's default stays hr.
os.environ["DESK_LANGUAGE"] = "en"
set_default_language("en")

PG_ADMIN_URL = os.environ.get(
    "DESK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# The business day every service test runs on, so dates in tests never drift.
TODAY = date(2026, 11, 26)
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    try:
        engine = make_engine(PG_ADMIN_URL)
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


def require_postgres() -> None:
    """Skip (or fail under DESK_REQUIRE_POSTGRES) when the PostgreSQL server is absent."""
    problem = _postgres_reachable()
    if problem:
        if os.environ.get("DESK_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required (DESK_REQUIRE_POSTGRES) but: {problem}")
        print(f"\nSKIP PostgreSQL tests: server at {PG_ADMIN_URL} not reachable ({problem})")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {problem}")


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped when the block ends."""
    require_postgres()
    name = f"desk_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'desk.db'}"


_migrated: dict[str, Engine] = {}


def _engine_for(url: str) -> Engine:
    if url not in _migrated:
        engine = make_engine(url)
        migrate(engine)
        _migrated[url] = engine
    return _migrated[url]


def _wipe(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of a migrated, empty database: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine whose tables are emptied before and after each test.

    For code that opens its own connections and must see committed rows: the
    services, AppTest, the CLI, threads placing orders at once.
    """
    eng = _engine_for(db_url)
    _wipe(eng)
    yield eng
    _wipe(eng)


@pytest.fixture
def session_factory(request: pytest.FixtureRequest, db_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on the test database; what a test writes is gone after it.

    Alone, the sessions join one outer transaction that is rolled back after the test
    (SQLAlchemy's "join a session into an external transaction"): a commit in the code
    under test only releases a savepoint. A test that also asks for `engine` gets plain
    sessions that really commit, because the code it drives opens its own connections.
    """
    if "engine" in request.fixturenames:
        yield make_session_factory(request.getfixturevalue("engine"))
        return
    with _engine_for(db_url).connect() as connection:
        outer = connection.begin()
        yield sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        outer.rollback()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, chroma_path=tmp_path / "chroma")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    for engine in _migrated.values():
        engine.dispose()


@pytest.fixture
def services(settings: Settings, engine: Engine) -> Iterator[Any]:
    """The whole desk on the test database, its clock pinned to TODAY."""
    from assistant.services import build_services

    built = build_services(settings, today=lambda: TODAY)
    yield built
    built.engine.dispose()
