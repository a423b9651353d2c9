"""`desk script show` through the real entry point: the path for each kind of caller."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests import factories as f

runner = CliRunner()
ORDER_STEPS = {"order_taking", "mention_traditional", "addons", "delivery", "read_back"}


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    """A marketer with history, a key client, a blocked one and a regional one."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    today = date.today()
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        kam = f.manager(s, "KAM", role="kam")
        f.manager(s, "HW", role="head")
        m1 = f.client(s, "M1", type="marketer", manager=mgr, name="Horvat d.o.o.")
        f.client(s, "K1", type="key", manager=kam)
        away = f.manager(s, "AWAY", role="kam", available=False)
        f.client(s, "K2", type="key", manager=away)
        blocked = f.client(s, "B1", type="marketer", manager=mgr, credit_limit=Decimal(100))
        f.receivable(s, blocked, "R-1", "500", due=today - timedelta(days=40))
        f.client(s, "R1", type="regional", manager=mgr, regional=True)
        oil = f.product(s, "OIL", name="Passata 1 l", prices={"A": "10", "C": "9", "D": "8"})
        f.product(s, "FLOUR", name="Flour 1 kg", prices={"A": "1", "C": "1", "D": "1"})
        for i in range(6):
            f.history(s, m1, oil, order_no=f"H{i}", day=today - timedelta(days=7 * (i + 1)), qty=20)
    return db_url


def _show(*args: str) -> dict:
    result = runner.invoke(app, ["script", "show", *args, "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert re.fullmatch(r"[0-9a-f]{12}", out["version"])
    for step in out["steps"]:
        assert set(step) >= {"id", "say", "requirement", "state"}
        assert step["state"] in {"todo", "done", "skipped", "n/a"}
        assert not re.search(r"\{\w*\}", step["say"]), step
    return out


def _ids(out: dict) -> list[str]:
    return [s["id"] for s in out["steps"]]


def test_an_ordinary_order_covers_r11_r12_r15_r16_and_fills_the_usual_quantity(desk_db) -> None:
    out = _show("M1")
    applying = {s["requirement"] for s in out["steps"] if s["state"] != "n/a"}
    assert {"R11", "R12", "R15", "R16"} <= applying
    steps = {s["id"]: s for s in out["steps"]}
    assert "Horvat d.o.o." in steps["mention_traditional"]["say"]
    assert "Passata 1 l" in steps["mention_traditional"]["say"]
    assert "20" in steps["mention_traditional"]["say"]
    assert steps["identification"]["state"] == "done"
    assert steps["order_taking"]["state"] == "todo"
    assert "regional" not in steps and _ids(out)[-1] == "farewell"


def test_the_draft_ticks_order_taking_and_drops_what_it_holds(desk_db) -> None:
    steps = {s["id"]: s for s in _show("M1", "--draft", "OIL:20,FLOUR")["steps"]}
    assert steps["order_taking"]["state"] == "done"
    assert steps["mention_traditional"]["state"] == "n/a"
    assert "OIL × 20" in steps["read_back"]["say"] and "FLOUR × 1" in steps["read_back"]["say"]


def test_a_blocked_client_ends_in_the_transfer_with_no_order_steps(desk_db) -> None:
    out = _show("B1")
    assert _ids(out)[-2:] == ["credit_blocked", "farewell"]
    assert not ORDER_STEPS & set(_ids(out))
    assert out["steps"][-2]["requirement"] == "R9"
    assert "Person MGR" in out["steps"][-2]["say"] or "finance" in out["steps"][-2]["say"]


def test_a_key_client_is_transferred_to_the_kam(desk_db) -> None:
    out = _show("K1")
    assert _ids(out)[-2:] == ["transfer", "farewell"]
    assert "Person KAM" in out["steps"][-2]["say"]
    assert not ORDER_STEPS & set(_ids(out))


def test_a_regional_client_agrees_pickup_or_shipping(desk_db) -> None:
    out = _show("R1")
    regional = [s for s in out["steps"] if s["id"] == "regional"]
    assert regional and regional[0]["requirement"] == "R17"
    assert regional[0]["state"] == "todo"
    assert "regional" not in _ids(_show("M1"))


def test_text_output_lists_the_steps(desk_db) -> None:
    result = runner.invoke(app, ["script", "show", "M1"])
    assert result.exit_code == 0, result.output
    assert "order_taking (R10)" in result.stdout and "[x] identification" in result.stdout


def test_the_operator_language_picks_the_croatian_script(
    desk_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_LANGUAGE", "hr")
    out = _show("M1")
    assert out["language"] == "hr" and out["notice"] is None
    assert out["steps"][-1]["say"] == "Hvala na pozivu i doviđenja!"


def test_a_new_caller_is_transferred_without_order_steps(desk_db) -> None:
    out = _show("+385 99 000 0000")
    assert _ids(out) == ["greeting", "identification", "new_client", "farewell"]
    assert out["steps"][1]["state"] == "todo"
    assert "Person HW" in out["steps"][2]["say"]


def test_an_away_kam_passes_the_call_to_another_kam(desk_db) -> None:
    out = _show("K2")
    assert _ids(out)[-2:] == ["transfer", "farewell"]
    assert "Person KAM" in out["steps"][-2]["say"]


def test_a_call_for_information_takes_no_order(desk_db) -> None:
    out = _show("M1", "--purpose", "info")
    assert not ORDER_STEPS & set(_ids(out)) and _ids(out)[-1] == "farewell"


def test_a_draft_that_is_not_sku_qty_is_refused(desk_db) -> None:
    result = runner.invoke(app, ["script", "show", "M1", "--draft", "OIL:many", "--json"])
    assert result.exit_code == 1 and "OIL:many" in result.stdout
