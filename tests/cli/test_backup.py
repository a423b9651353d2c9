"""`desk backup` and `desk restore` through the real entry point, on SQLite and PostgreSQL.

A small company (a client, an order, calls, their audit rows) and two knowledge documents
with the fake embeddings go into a backup, then into empty databases and stores: the same
rows and the same answers come back. A damaged backup and a target in use are refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from assistant.auth.models import AuditEntry
from assistant.auth.rights import Actor
from assistant.calls.models import Call
from assistant.clients.models import Client
from assistant.config import Settings
from assistant.db import make_engine
from assistant.orders.models import Order
from assistant.services import build_services
from ingest.documents.status import IndexingStatus
from tests import factories as f
from tests.conftest import TODAY, fresh_postgres_database
from tests.db.test_rights_matrix import _draft

runner = CliRunner()
SYSTEM = Actor.system()
QUESTION = "When are deliveries to the islands?"
DOCS = {
    "procedures/delivery.md": "# Delivery\n\nDeliveries to the islands go on Tuesdays and "
    "Fridays by ferry.\n",
    "procedures/credit.md": "# Credit\n\nAn order is accepted only without overdue debt.\n",
}


def _cli(*args: str) -> tuple[int, Any]:
    result = runner.invoke(_app(), [*args, "--json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else None


def _app() -> Any:
    from assistant.cli import app

    return app


def _use(monkeypatch: pytest.MonkeyPatch, url: str, home: Path) -> None:
    """Point the CLI at one desk: its database, store and knowledge folder."""
    monkeypatch.setenv("DESK_DATABASE_URL", url)
    monkeypatch.setenv("DESK_CHROMA_PATH", str(home / "chroma"))
    monkeypatch.setenv("DESK_KNOWLEDGE_DIR", str(home / "kb"))


@pytest.fixture
def source(db_url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk with a client, two calls, an order, audit rows and two indexed documents."""
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")
    monkeypatch.delenv("DESK_LLM_URL", raising=False)
    monkeypatch.delenv("DESK_CHROMA_URL", raising=False)
    home = tmp_path / "source"
    for name, text in DOCS.items():
        (home / "kb" / name).parent.mkdir(parents=True, exist_ok=True)
        (home / "kb" / name).write_text(text, encoding="utf-8")
    _use(monkeypatch, db_url, home)
    services = build_services(Settings(), today=lambda: TODAY)
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        f.product(s, "OIL", stock=Decimal(40), prices={"C": "9.00"})
    services.calls.start(actor=SYSTEM, phone=None, client_id=None)
    call_id = services.calls.start(actor=SYSTEM, phone=None, client_id=None)
    services.calls.record_offers(call_id=call_id, offers=[("OIL", "addon")], actor=SYSTEM)
    services.placement.place(draft=_draft("backup-test"), actor=SYSTEM)
    services.engine.dispose()
    code, _out = _cli("ingest")
    assert code == 0
    return tmp_path


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Clients, orders, calls and the audit log (but the restore's own row), in id order."""
    eng = make_engine(url)
    tables = {"clients": Client, "orders": Order, "calls": Call, "audit": AuditEntry}
    try:
        with eng.connect() as conn:
            rows = {
                name: [tuple(r) for r in conn.execute(select(m.__table__).order_by(m.id))]
                for name, m in tables.items()
            }
    finally:
        eng.dispose()
    rows["audit"] = [r for r in rows["audit"] if "backup.restore" not in r]
    return rows


@contextmanager
def _empty_target(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def _sources() -> list[str]:
    code, out = _cli("ask", QUESTION, "--k", "2")
    assert code == 0
    return [s["doc"] for s in out["sources"]]


@pytest.mark.parametrize("store_copied", [True, False], ids=["store-copied", "reindexed"])
def test_a_round_trip_into_empty_databases_gives_the_same_rows_and_answers(
    source: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, store_copied: bool
) -> None:
    before, answers = _rows(db_url), _sources()
    assert answers[0] == "procedures/delivery.md"
    assert all(before.values())
    if not store_copied:  # an ingest running during the backup: the store is not copied
        monkeypatch.setattr(IndexingStatus, "running", lambda self: object())
    code, manifest = _cli("backup", str(source / "backup"))
    assert code == 0, manifest
    assert manifest["store"]["backed_up"] is store_copied
    assert manifest["rows"]["orders"] == 1 and manifest["rows"]["calls"] == 2
    assert "knowledge/procedures/delivery.md" in manifest["files"]
    monkeypatch.undo()  # back to a plain environment, then the empty target
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")
    with _empty_target(db_url.split(":")[0], source) as target:
        _use(monkeypatch, target, source / "target")
        code, out = _cli("restore", str(source / "backup"))
        assert code == 0, out
        assert out["rows"] == manifest["rows"]
        assert (out["reindexed_files"] is None) is store_copied
        assert _rows(target) == before
        assert (source / "target" / "kb" / "procedures" / "credit.md").is_file()
        assert _sources() == answers


def test_a_corrupted_backup_file_is_refused_and_nothing_is_restored(
    source: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, manifest = _cli("backup", str(source / "backup"))
    assert code == 0
    damaged = source / "backup" / manifest["sql_file"]
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")
    with _empty_target(db_url.split(":")[0], source) as target:
        _use(monkeypatch, target, source / "target")
        code, out = _cli("restore", str(source / "backup"))
        assert code == 1
        assert manifest["sql_file"] in out["message"] and "corrupted" in out["message"]
        eng = make_engine(target)
        assert "clients" not in inspect(eng).get_table_names()
        eng.dispose()
    assert not (source / "target" / "kb").exists()


def test_restore_into_a_database_in_use_is_refused(source: Path, db_url: str) -> None:
    code, _manifest = _cli("backup", str(source / "backup"))
    assert code == 0
    code, out = _cli("restore", str(source / "backup"))
    assert code == 1
    assert "already holds data" in out["message"] and "clients: 1" in out["message"]


def test_a_folder_not_empty_is_refused_unless_forced(source: Path) -> None:
    (source / "backup").mkdir()
    (source / "backup" / "notes.txt").write_text("mine", encoding="utf-8")
    code, out = _cli("backup", str(source / "backup"))
    assert code == 1 and "not empty" in out["message"] and "--force" in out["message"]
    code, _out = _cli("backup", str(source / "backup"), "--force")
    assert code == 0
    assert (source / "backup" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_without_a_manifest_is_not_taken_for_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _use(monkeypatch, f"sqlite:///{tmp_path / 'empty.db'}", tmp_path)
    (tmp_path / "photos").mkdir()
    code, out = _cli("restore", str(tmp_path / "photos"))
    assert code == 1
    assert "manifest.json" in out["message"] and "desk backup" in out["message"]
    assert not (tmp_path / "kb").exists()
