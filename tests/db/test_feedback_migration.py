"""Migration 0007 turns the "For <department>: ..." call notes into feedback items (R20),
on SQLite and PostgreSQL, and back on a downgrade."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from assistant.db import alembic_config, make_engine
from tests.conftest import fresh_postgres_database

STARTED = datetime(2026, 10, 5, 9, 30)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def at_0006(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new database migrated to 0006, the revision before feedback items."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
        command.upgrade(alembic_config(engine), "0006")
        yield engine
        engine.dispose()
        return
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        command.upgrade(alembic_config(engine), "0006")
        yield engine
        engine.dispose()


def _call(conn: Connection, notes: str | None, client_id: int | None = 1) -> None:
    conn.execute(
        text(
            "INSERT INTO calls (client_id, operator, direction, purpose, notes, started_at) "
            "VALUES (:client_id, 'ana', 'incoming', 'order', :notes, :started)"
        ),
        {"client_id": client_id, "notes": notes, "started": STARTED},
    )


def test_notes_for_a_department_become_feedback_items(at_0006: Engine) -> None:
    with at_0006.begin() as conn:
        conn.execute(text("INSERT INTO departments (code, name) VALUES ('quality', 'Kvaliteta')"))
        conn.execute(
            text(
                "INSERT INTO clients (code, name, search_name, type, regional, created_at) "
                "VALUES ('M1', 'Obrt', 'obrt', 'marketer', false, :at)"
            ),
            {"at": STARTED},
        )
        _call(conn, "For quality: The oil smelled rancid.\nBatch 42.")
        _call(conn, "For warehouse: Pallets were broken.", client_id=None)
        _call(conn, "Asked for the price list.")  # no department: left as it is
        _call(conn, None)
    command.upgrade(alembic_config(at_0006), "head")
    with at_0006.connect() as conn:
        items = conn.execute(
            text(
                "SELECT d.code, f.text, f.operator, f.status, f.client_id, f.created_at, f.call_id "
                "FROM feedback_items f JOIN departments d ON d.id = f.department_id ORDER BY f.id"
            )
        ).all()
        notes = conn.execute(text("SELECT notes FROM calls ORDER BY id")).scalars().all()
        departments = dict(conn.execute(text("SELECT code, name FROM departments")).all())
    # Raw SQL: SQLite gives the time back as text, PostgreSQL as a datetime.
    assert [(*i[:5], str(i[5])[:19], i[6]) for i in items] == [
        ("quality", "The oil smelled rancid.\nBatch 42.", "ana", "new", 1, str(STARTED), 1),
        ("warehouse", "Pallets were broken.", "ana", "new", None, str(STARTED), 2),
    ]
    assert notes == [
        "The oil smelled rancid.\nBatch 42.",
        "Pallets were broken.",
        "Asked for the price list.",
        None,
    ]
    # An unknown code is made a department, so no comment is dropped.
    assert departments == {"quality": "Kvaliteta", "warehouse": "Warehouse"}
    command.downgrade(alembic_config(at_0006), "0006")
    with at_0006.connect() as conn:
        notes = conn.execute(text("SELECT notes FROM calls ORDER BY id")).scalars().all()
    assert notes[:2] == [
        "For quality: The oil smelled rancid.\nBatch 42.",
        "For warehouse: Pallets were broken.",
    ]
