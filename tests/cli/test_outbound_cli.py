"""`desk sleeping` and `desk tasks` through the real entry point (R23-R25)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests import factories as f
from tests.conftest import TODAY
from tests.outbound import sleepers

runner = CliRunner()


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    with session_factory.begin() as s:
        sleepers.build(s)
        f.user(s, "ana", "operator")
        f.user(s, "ivo", "operator")
    return db_url


def _desk(*args: str) -> tuple[int, Any, str]:
    result = runner.invoke(app, list(args))
    try:
        out = json.loads(result.stdout)
    except json.JSONDecodeError:
        out = result.stdout
    return result.exit_code, out, result.stderr


def test_sleeping_json_as_of_a_day_with_type_and_factor(desk_db) -> None:
    code, rows, _err = _desk("sleeping", "--as-of", TODAY.isoformat(), "--json")
    assert code == 0
    assert [r["client"] for r in rows] == sleepers.SLEEPING
    assert set(rows[0]) == {
        "client",
        "usual_interval_days",
        "days_silent",
        "monthly_value",
        "reason",
    }
    assert rows[0]["reason"] == "orders every 5 days, silent for 25 days"
    _c, rows, _e = _desk("sleeping", "--type", "restaurant", "--as-of", TODAY.isoformat(), "--json")
    assert [r["client"] for r in rows] == ["S2"]
    _c, rows, _e = _desk("sleeping", "--as-of", TODAY.isoformat(), "--factor", "1.9", "--json")
    assert "EDGE" in [r["client"] for r in rows]
    code, text, _e = _desk("sleeping", "--as-of", TODAY.isoformat())
    assert code == 0 and "S1: orders every 10 days, silent for 80 days" in text


def test_sleeping_refuses_a_bad_day_and_factor(desk_db) -> None:
    code, _out, err = _desk("sleeping", "--as-of", "yesterday")
    assert code == 1 and "--as-of 'yesterday' is not a date" in err
    code, out, _err = _desk("sleeping", "--factor", "0.5", "--json")
    assert code == 1 and "factor must be 1 or more" in out["message"]


def test_a_task_is_created_from_a_file_and_shown(desk_db, tmp_path: Path) -> None:
    task = {
        "title": "Wake them up",
        "purpose": "Ask why they stopped ordering",
        "script_variant": "reactivation",
        "due_date": "2099-12-31",
        "clients": ["A1"],
        "filter": {"type": "restaurant"},
        "operators": ["ana", "ivo"],
        "questions": [
            {"text": "Happy with delivery?", "kind": "yesno"},
            {"text": "Where do you buy now?", "kind": "choice", "choices": ["C&C", "nowhere"]},
        ],
    }
    file = tmp_path / "task.json"
    file.write_text(json.dumps(task), encoding="utf-8")
    code, made, _err = _desk("tasks", "create", str(file), "--json")
    assert code == 0, made
    assert [(c["client"], c["operator"]) for c in made["clients"]] == [("A1", "ana"), ("S2", "ivo")]
    assert made["created_by"] == "system" and made["reactivated"] == 0
    code, shown, _err = _desk("tasks", "show", str(made["id"]), "--json")
    assert code == 0 and shown == made
    assert shown["questions"][1]["counts"] == {"C&C": 0, "nowhere": 0}
    code, listed, _err = _desk("tasks", "list", "--json")
    assert [t["id"] for t in listed] == [made["id"]]


def test_a_bad_task_file_says_file_and_field_and_exits_1(desk_db, tmp_path: Path) -> None:
    file = tmp_path / "task.json"
    file.write_text(
        json.dumps({
            "title": "T", "purpose": "P", "operators": ["ana"], "clients": ["S1"],
            "questions": [{"text": "Which?", "kind": "choice", "choices": ["only"]}],
        }),
        encoding="utf-8",
    )  # fmt: skip
    code, _out, err = _desk("tasks", "create", str(file))
    assert code == 1
    assert "task.json:questions[0].choices: Question 1 is a choice: give at least two" in err
    file.write_text(
        json.dumps({"title": "T", "purpose": "P", "operators": ["ana"], "clients": ["S1", "NOPE"]})
    )
    code, out, _err = _desk("tasks", "create", str(file), "--json")
    assert code == 1 and out["field"] == "clients"
    assert out["message"].startswith("task.json:clients: No client has the code NOPE")
    file.write_text("{not json")
    code, _out, err = _desk("tasks", "create", str(file))
    assert code == 1 and "is not valid JSON" in err
    code, _out, err = _desk("tasks", "show", "999")
    assert code == 1 and "There is no call task 999" in err
