"""The SQL data: pg_dump/pg_restore on PostgreSQL, SQLite's online backup API on SQLite."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from assistant.errors import DeskError
from assistant.i18n import _

SQLITE_FILE = "desk.sqlite3"
PG_FILE = "desk.pgdump"
# A database with rows in any of these is in use: a restore would mix two desks.
LIVE_TABLES = ("clients", "orders", "calls")


def backend(engine: Engine) -> str:
    return "sqlite" if engine.dialect.name == "sqlite" else "postgresql"


def dump(engine: Engine, folder: Path) -> tuple[str, dict[str, int], str | None]:
    """Write the data into `folder`: (file name, rows per table, migration) of one snapshot."""
    if backend(engine) == "sqlite":
        target = folder / SQLITE_FILE
        _sqlite_copy(_sqlite_path(engine), target)
        with closing(sqlite3.connect(target)) as copy:
            return SQLITE_FILE, _counts(copy.execute, sqlite=True), _revision(copy.execute)
    # The counts and pg_dump read one exported snapshot: both see the same rows while the
    # desk keeps writing.
    with engine.connect() as conn:
        conn.execute(text("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        counts, revision = _counts(_executor(conn), sqlite=False), _revision(_executor(conn))
        _pg_tool("pg_dump", engine, "-Fc", f"--snapshot={snapshot}", "-f", str(folder / PG_FILE))
        conn.rollback()
    return PG_FILE, counts, revision


def restore(engine: Engine, file: Path) -> None:
    """Load a dump into the database of `engine` (checked empty by the caller)."""
    engine.dispose()
    if backend(engine) == "sqlite":
        _sqlite_copy(file, _sqlite_path(engine))
    else:
        # --clean drops what `desk init` may have made, so the schema is the backup's own.
        _pg_tool("pg_restore", engine, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--exit-on-error", str(file))  # fmt: skip
    engine.dispose()


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return _counts(_executor(conn), sqlite=backend(engine) == "sqlite")


def rows_in_use(engine: Engine) -> dict[str, int]:
    """The live tables that hold rows (empty when the database may be restored into)."""
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        counts = {
            t: int(conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one())
            for t in LIVE_TABLES
            if t in tables
        }
    return {t: n for t, n in counts.items() if n}


def _executor(conn: Connection) -> Callable[[str], Any]:
    return lambda sql: conn.execute(text(sql))


def _counts(execute: Callable[[str], Any], *, sqlite: bool) -> dict[str, int]:
    if sqlite:
        names = [r[0] for r in execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        names = [n for n in names if not n.startswith("sqlite_")]
    else:
        names = [
            r[0] for r in execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
    return {n: int(execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in sorted(names)}


def _revision(execute: Callable[[str], Any]) -> str | None:
    try:
        row = execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception:  # noqa: BLE001 - a database never migrated has no revision
        return None
    return str(row[0]) if row else None


def _sqlite_path(engine: Engine) -> Path:
    if not engine.url.database or engine.url.database == ":memory:":
        raise DeskError(_("An in-memory SQLite database cannot be backed up or restored."))
    return Path(engine.url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the desk writes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _pg_tool(tool: str, engine: Engine, *args: str) -> None:
    program = shutil.which(tool)
    if program is None:
        raise DeskError(
            _("{tool} is not installed: install the PostgreSQL client (postgresql-client).").format(
                tool=tool
            )
        )
    url = engine.url.set(drivername="postgresql", password=None)
    env = dict(os.environ)
    if engine.url.password:
        env["PGPASSWORD"] = str(engine.url.password)  # not on the command line, seen by all
    done = subprocess.run(  # noqa: S603 - the program is the PostgreSQL client's own tool
        [program, *args, "--dbname", url.render_as_string(hide_password=False)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise DeskError(
            _("{tool} failed: {problem}").format(tool=tool, problem=done.stderr.strip()[-500:])
        )
