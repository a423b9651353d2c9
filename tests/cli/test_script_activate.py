"""`desk script activate` and `desk script history` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.script.loader import version_of
from assistant.script.shipped import FOLDER
from tests import factories as f

runner = CliRunner()
SHIPPED_EN = (FOLDER / "call-script.en.yaml").read_text(encoding="utf-8")
GREETING = "Good morning, Order Desk, how may I help you?"


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    """One ordinary client, and DESK_DATABASE_URL pointing at the test database."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Horvat d.o.o.")
        f.user(s, "ana", "editor")
        f.user(s, "ivo", "editor", "operator")
    return db_url


def _file(tmp_path: Path, greeting: str, name: str = "call-script.en.yaml") -> Path:
    path = tmp_path / name
    path.write_text(SHIPPED_EN.replace(GREETING, greeting), encoding="utf-8")
    return path


def _json(*args: str) -> tuple[int, Any]:
    result = runner.invoke(app, [*args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_an_activated_file_is_what_script_show_follows(desk_db, tmp_path: Path) -> None:
    path = _file(tmp_path, "Good day, {client_name} speaking?")
    code, out = _json("script", "show", "M1")
    assert code == 0 and out["version"] == version_of(SHIPPED_EN)
    code, info = _json("--user", "ana", "script", "activate", str(path))
    assert code == 0, info
    assert info["version"] == version_of(path.read_text(encoding="utf-8"))
    assert (info["language"], info["activated_by"], info["file_name"]) == (
        "en",
        "ana",
        "call-script.en.yaml",
    )
    assert info["unchanged"] is False and info["activated_at"]
    code, out = _json("script", "show", "M1")
    assert code == 0 and out["version"] == info["version"]
    assert out["steps"][0]["say"] == "Good day, Horvat d.o.o. speaking?"
    text = runner.invoke(app, ["--user", "ivo", "script", "activate", str(path)])
    assert text.exit_code == 0 and "already in force" in text.stdout


def test_an_invalid_file_exits_1_with_every_problem_and_changes_nothing(
    desk_db, tmp_path: Path
) -> None:
    path = _file(tmp_path, "Hello {nobody}")
    text = path.read_text(encoding="utf-8").replace("language: en", "language: ru", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    expected = [lines.index("language: ru") + 1, lines.index("  - id: greeting") + 1]
    code, out = _json("--user", "ana", "script", "activate", str(path))
    assert code == 1
    assert out["error"] == "script_invalid"
    assert [p["line"] for p in out["problems"]] == expected
    assert all(p["file"] == str(path) and p["fix"] for p in out["problems"])
    plain = runner.invoke(app, ["--user", "ana", "script", "activate", str(path)])
    assert plain.exit_code == 1
    for line in expected:
        assert f"{path}:{line}: " in plain.stderr
    assert "'language: hr'" in plain.stderr and "client_name" in plain.stderr
    assert _json("script", "history") == (0, [])
    assert _json("script", "show", "M1")[1]["version"] == version_of(SHIPPED_EN)


def test_a_missing_file_is_refused_with_its_path(desk_db, tmp_path: Path) -> None:
    code, out = _json("--user", "ana", "script", "activate", str(tmp_path / "nope.yaml"))
    assert code == 1 and "nope.yaml" in out["message"]


def test_history_lists_versions_newest_first_by_language(desk_db, tmp_path: Path) -> None:
    first = _json("--user", "ana", "script", "activate", str(_file(tmp_path, "One.", "1.yaml")))[1]
    second = _json("--user", "ivo", "script", "activate", str(_file(tmp_path, "Two.", "2.yaml")))[1]
    code, listed = _json("script", "history")
    assert code == 0
    assert [(v["version"], v["activated_by"], v["file_name"]) for v in listed] == [
        (second["version"], "ivo", "2.yaml"),
        (first["version"], "ana", "1.yaml"),
    ]
    assert all("source" not in v for v in listed)
    assert _json("script", "history", "--language", "hr") == (0, [])
    code, out = _json("script", "history", "--language", "ru")
    assert code == 1 and "hr, en" in out["message"]
