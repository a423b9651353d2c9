"""Training tests: the live database the CLI plays against (SQLite, migrated once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from tests.conftest import _engine_for

RUNS = Path(__file__).resolve().parents[2] / "knowledge" / "training" / "runs"


@pytest.fixture
def live_cli(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """DESK_* pointing the CLI at a migrated SQLite live database; its URL.

    The sandbox template is built next to it once per test session (and worker).
    """
    _engine_for(sqlite_url)
    monkeypatch.setenv("DESK_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DESK_CHROMA_PATH", str(tmp_path / "chroma"))
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")
    monkeypatch.delenv("DESK_USER", raising=False)
    return sqlite_url


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    """The root fixture's settings with the fake embeddings every training test uses:
    sandbox templates are per embedding model, so one model means one template built."""
    return Settings(database_url=db_url, chroma_path=tmp_path / "chroma", embeddings="fake")
