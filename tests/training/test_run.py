"""`desk train run` through the real entry point: model runs score 100, one break fails one rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli.app import app
from assistant.simulator.player import live_counts
from assistant.training.scenario import find
from tests.training.conftest import RUNS

runner = CliRunner()
MODEL_RUNS = sorted(RUNS.glob("*.jsonl"))


def _actions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines() if row.strip()]


def _play(scenario: str, actions: list[dict[str, Any]], tmp_path: Path, *extra: str) -> Any:
    file = tmp_path / "actions.jsonl"
    file.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in actions), "utf-8")
    result = runner.invoke(
        app, ["train", "run", scenario, "--actions", str(file), "--json", *extra]
    )
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("language", ["hr", "en"])
@pytest.mark.parametrize("run", MODEL_RUNS, ids=lambda p: p.stem)
def test_every_model_run_scores_100(live_cli: str, run: Path, language: str) -> None:
    before = live_counts(live_cli)
    result = runner.invoke(
        app, ["train", "run", run.stem, "--actions", str(run), "--language", language, "--json"]
    )
    assert result.exit_code == 0, result.output
    played = json.loads(result.stdout)
    failed = [r for r in played["rules"] if not r["passed"]]
    assert played["score"] == 100, failed
    assert played["scenario"] == run.stem
    assert played["live_database_written"] is False
    assert live_counts(live_cli) == before
    # The scenario's expectation agrees with the desk's router the run followed.
    expect = find(run.stem, language).expect
    transfers = [a["to"] for a in _actions(run) if a["action"] == "transfer"]
    assert transfers == ([expect.transfer_to] if expect.transfer_to else [])
    for rule in played["rules"]:
        assert rule["feedback"]
        assert rule["source"] and rule["source"]["doc"].startswith("procedures/"), rule


def test_the_default_language_is_croatian(live_cli: str) -> None:
    run = RUNS / "key-kam-present.jsonl"
    result = runner.invoke(
        app, ["train", "run", "key-kam-present", "--actions", str(run), "--json"]
    )
    played = json.loads(result.stdout)
    assert played["language"] == "hr"
    assert played["transcript"][0]["text"].startswith("Dobar dan")


def _broken(actions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str]]:
    """The run with one rule broken, and the rules that may fail for it."""
    if any(a["action"] == "answer_offer" for a in actions):
        # With no offer taken, nothing beyond the client's own list is on the order (R13).
        return [a for a in actions if a["action"] != "answer_offer"], {"R11", "R12", "R13"}
    if any(a["action"] == "transfer" for a in actions):
        return [a for a in actions if a["action"] != "transfer"], {"R4", "R5", "R6", "R7", "R9"}
    if any(a["action"] == "ask" for a in actions):
        return [a for a in actions if a["action"] != "ask"], {"R19"}
    if any(a["action"] == "set_delivery" for a in actions):
        return [a for a in actions if a["action"] != "set_delivery"], {"R16", "R17"}
    pytest.skip("no action to break in this run")


@pytest.mark.parametrize("run", MODEL_RUNS, ids=lambda p: p.stem)
def test_a_run_with_one_rule_broken_fails_that_rule_only(
    live_cli: str, run: Path, tmp_path: Path
) -> None:
    actions, may_fail = _broken(_actions(run))
    code, played = _play(run.stem, actions, tmp_path)
    assert code == 0, played
    failed = {r["requirement"] for r in played["rules"] if not r["passed"]}
    assert failed and failed <= may_fail, failed
    assert played["score"] < 100
    if "R12" in may_fail:
        assert "R12" in failed


def test_ordinary_order_without_offers_fails_r11_and_r12(live_cli: str, tmp_path: Path) -> None:
    actions = [a for a in _actions(RUNS / "ordinary-order.jsonl") if a["action"] != "answer_offer"]
    code, played = _play("ordinary-order", actions, tmp_path, "--language", "en")
    assert code == 0
    results = {r["requirement"]: r for r in played["rules"]}
    assert {k for k, r in results.items() if not r["passed"]} == {"R11", "R12"}
    assert results["R12"]["feedback"] == "Offer three or four more items before closing the order."
    assert results["R12"]["source"]["doc"] == "procedures/promotions-special-positions.md"
    assert played["score"] == round(100 * 5 / 7)


def test_an_order_for_a_blocked_client_fails_r9(live_cli: str, tmp_path: Path) -> None:
    actions = [
        {"action": "identify", "query": "K0004"},
        {"action": "add_line", "sku": "SL-0020", "qty": 5},
        {"action": "place_order"},
    ]
    code, played = _play("blocked-overdue", actions, tmp_path, "--language", "en")
    assert code == 0
    assert {r["requirement"]: r["passed"] for r in played["rules"]} == {"R8": False, "R9": False}
    assert played["refused"]  # the desk's credit lock said no, and the score judges the try
    assert played["score"] == 0


def test_unknown_scenario_is_a_clear_error(live_cli: str) -> None:
    run = RUNS / "key-kam-present.jsonl"
    result = runner.invoke(app, ["train", "run", "no-such", "--actions", str(run), "--json"])
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["error"] == "unknown_scenario"
    assert "no-such" in error["message"] and "key-kam-present" in error["message"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (['{"action": "identify", "query": "K0003"}', "{not json"], "Line 2: not JSON"),
        (['{"action": "wave"}'], "Line 1: unknown action 'wave'; use one of: identify"),
        (['{"action": "add_line", "sku": "X"}'], "Line 1: add_line needs 'qty'"),
        (['{"action": "identify", "query": "K0003", "who": 1}'], "Line 1: identify has no field"),
        (["[1, 2]"], "Line 1: not a JSON object."),
        ([""], "The actions file holds no action."),
    ],
)
def test_bad_actions_file_names_the_line(
    live_cli: str, tmp_path: Path, rows: list[str], message: str
) -> None:
    file = tmp_path / "bad.jsonl"
    file.write_text("\n".join(rows), "utf-8")
    result = runner.invoke(
        app, ["train", "run", "key-kam-present", "--actions", str(file), "--json"]
    )
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["error"] == "bad_actions"
    assert message in error["message"]


def test_an_offer_never_made_is_a_bad_action(live_cli: str, tmp_path: Path) -> None:
    actions = [
        {"action": "identify", "query": "K0001"},
        {"action": "answer_offer", "sku": "TJ-0001", "answer": "accepted"},
    ]
    code, played = _play("ordinary-order", actions, tmp_path)
    assert code == 1
    assert played["message"].startswith("Line 2 (answer_offer): TJ-0001 was not offered")


def test_missing_actions_file(live_cli: str, tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    args = ["train", "run", "key-kam-present", "--actions", str(missing), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "Cannot read the actions file" in json.loads(result.stdout)["message"]


def test_scenarios_json_lists_the_issue_shape(live_cli: str) -> None:
    result = runner.invoke(app, ["train", "scenarios", "--language", "en", "--json"])
    assert result.exit_code == 0
    listed = {s["id"]: s for s in json.loads(result.stdout)}
    assert listed["ordinary-order"] == {
        "id": "ordinary-order",
        "title": "An ordinary order: new items, specials, traditional products and add-ons",
        "rules": ["R3", "R8", "R11", "R12", "R14", "R15", "R16"],
        "language": "en",
        "client": "K0001",
        "wants": [{"sku": "TJ-0001", "qty": 40}, {"sku": "ZA-0005", "qty": 6}],
    }
    assert all(s["language"] == "en" for s in listed.values())
    for run in MODEL_RUNS:
        assert run.stem in listed, f"{run.name} has no English scenario"
