"""`desk init --demo`: one login per role, shown once, kept in a file only its owner reads."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.auth.rights import ROLES
from assistant.auth.users import UserBook
from assistant.cli import app

runner = CliRunner()


def test_init_demo_creates_one_user_per_role_once(
    db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    monkeypatch.setenv("DESK_CHROMA_PATH", str(tmp_path / "data" / "chroma"))
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")  # the demo's product names are embedded
    first = runner.invoke(app, ["init", "--demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    logins = tmp_path / "data" / "demo-logins.txt"
    assert stat.S_IMODE(logins.stat().st_mode) == 0o600
    rows = [line.split() for line in logins.read_text().splitlines()[1:]]
    assert [(name, role) for name, _pw, role in rows] == [(f"demo.{r}", r) for r in ROLES]
    book = UserBook(session_factory=session_factory)
    for name, password, role in rows:
        assert f"  {name:<16} {password}" in first.stdout  # printed once, on this run
        assert book.authenticate(name=name, password=password).roles == {role}

    again = runner.invoke(app, ["init", "--demo", "--if-empty"])
    assert again.exit_code == 0 and "Clients exist already" in again.stdout
    assert "Demo logins" not in again.stdout
    assert [line.split() for line in logins.read_text().splitlines()[1:]] == rows
    assert len(book.list()) == len(ROLES)
