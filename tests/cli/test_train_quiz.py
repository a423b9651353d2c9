"""`desk train quiz` through the real entry point: generate after an ingest, list, add, edit."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests import factories as f

runner = CliRunner()
SHIPPED = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "procedures"
ROUTING = "procedures/call-routing.md"


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The shipped procedures in a knowledge folder of their own; an editor and a trainee."""
    sources = tmp_path / "sources"
    shutil.copytree(SHIPPED, sources / "procedures")
    for name, value in {
        "DESK_DATABASE_URL": db_url,
        "DESK_EMBEDDINGS": "fake",
        "DESK_CHROMA_PATH": str(tmp_path / "chroma"),
        "DESK_KNOWLEDGE_DIR": str(sources),
    }.items():
        monkeypatch.setenv(name, value)
    with session_factory.begin() as s:
        f.user(s, "eva", "editor")
        f.user(s, "tina", "trainee")
    return sources


def _json(*args: str) -> tuple[int, Any]:
    result = runner.invoke(app, [*args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_ingest_makes_the_quizzes_and_generate_keeps_them(desk: Path) -> None:
    assert runner.invoke(app, ["ingest", "--json"]).exit_code == 0
    code, listed = _json("train", "quiz", "list")
    assert code == 0 and listed
    assert {q["form"] for q in listed} == {"department", "check_before", "step_order"}
    assert {q["language"] for q in listed} == {"hr", "en"}
    assert all(q["passage"] and q["source"].startswith("procedures/") for q in listed)
    code, done = _json("--user", "eva", "train", "quiz", "generate", "--source", ROUTING)
    assert code == 0 and done == [
        {
            "source": ROUTING,
            "added": 0,
            "kept": sum(q["source"] == ROUTING for q in listed),
            "retired": 0,
            "retired_by_hand": 0,
        }
    ]
    code, err = _json("train", "quiz", "generate", "--source", "procedures/nothing.md")
    assert code == 1 and err["field"] == "source"


def test_a_changed_file_regenerated_retires_its_gone_passage(desk: Path) -> None:
    runner.invoke(app, ["ingest", "--json"])
    path = desk / "procedures" / "complaints.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "passed to the category manager every Friday", "kept in the call note"
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["ingest", "--json"]).exit_code == 0
    code, listed = _json(
        "train", "quiz", "list", "--source", "procedures/complaints.md", "--retired"
    )
    assert code == 0
    retired = [q for q in listed if not q["active"]]
    assert [q["answer"] for q in retired] == ["the category manager"]


def test_an_editor_adds_and_fixes_a_question_and_a_trainee_may_not(desk: Path) -> None:
    runner.invoke(app, ["ingest", "--json"])
    add = ["train", "quiz", "add", "--source", ROUTING, "--question", "Who confirms a key order?"]
    add += ["--choice", "The KAM", "--choice", "The operator", "--answer", "The KAM"]
    add += ["--passage", "the account manager will confirm it within the hour"]
    code, err = _json("--user", "tina", *add)
    assert code == 1 and err["error"] == "forbidden"
    code, made = _json("--user", "eva", *add)
    assert code == 0 and made["by_hand"] and made["answer"] == "The KAM"
    code, fixed = _json("--user", "eva", "train", "quiz", "edit", str(made["id"]), "--retire")
    assert code == 0 and fixed["active"] is False
    code, err = _json(
        "--user", "eva", "train", "quiz", "edit", str(made["id"]), "--answer", "Nobody"
    )
    assert code == 1 and err["field"] == "answer"
    text = runner.invoke(app, ["train", "quiz", "list", "--retired"])
    assert text.exit_code == 0 and "Who confirms a key order?" in text.stdout
