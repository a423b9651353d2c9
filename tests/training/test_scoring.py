"""Scoring rules that the shipped model runs do not reach: R19 and a wrong transfer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from assistant.calls.state import LiveCall
from assistant.config import Settings
from assistant.db import make_session_factory
from assistant.simulator.session import TrainingCall
from assistant.training.scenario import Scenario, find
from tests.conftest import _engine_for

DAY = date(2026, 11, 26)
QUESTION = "By what time must I order for delivery tomorrow?"


def _information() -> Scenario:
    base = find("ordinary-order", "en")
    wants = replace(
        base.wants,
        purpose="information",
        lines=(),
        question=QUESTION,
        answer_source="procedures/delivery-terms.md",
    )
    return replace(base, rules=("R3", "R19"), wants=wants, delivery=None)


@pytest.fixture
def start(sqlite_url: str, tmp_path: Path):
    engine = _engine_for(sqlite_url)
    settings = Settings(database_url=sqlite_url, chroma_path=tmp_path / "chroma", embeddings="fake")
    opened: list[TrainingCall] = []

    def begin(scenario: Scenario) -> TrainingCall:
        call = TrainingCall.start(
            settings=settings,
            scenario=scenario,
            user="tina",
            mode="exam",
            live_sessions=make_session_factory(engine),
            today=DAY,
        )
        opened.append(call)
        return call

    yield begin
    for call in opened:
        call.close()


@pytest.mark.parametrize(
    ("asked", "passed"),
    [(QUESTION, True), ("Which certificates come with frozen fish?", False), (None, False)],
)
def test_r19_needs_the_question_looked_up(start, asked: str | None, passed: bool) -> None:
    training = start(_information())
    call = LiveCall()
    training.identify(call, "K0001")
    if asked:
        training.ask(asked)
    card = training.finish(call).as_dict()
    r19 = next(r for r in card["rules"] if r["requirement"] == "R19")
    assert r19["passed"] is passed
    assert r19["source"]["doc"] == "procedures/delivery-terms.md"
    assert "14:00" in r19["source"]["text"]


def test_a_transfer_to_the_wrong_person_fails_r4(start) -> None:
    training = start(find("key-kam-present", "en"))
    call = LiveCall()
    training.identify(call, "K0003")
    from assistant.simulator.player import ACT

    ACT["transfer"](training, call, {"action": "transfer", "to": "M10"})
    card = training.finish(call).as_dict()
    results = {r["requirement"]: r for r in card["rules"]}
    assert results["R3"]["passed"] and not results["R4"]["passed"]
    assert "M01" in results["R4"]["feedback"] and "M10" in results["R4"]["feedback"]
    assert card["score"] == 50


@pytest.mark.parametrize(
    ("actions", "passed"),
    [
        ([{"action": "transfer", "to": "M05"}], True),
        ([{"action": "transfer", "to": "M10"}], False),
        (
            [
                {"action": "add_line", "sku": "SL-0020", "qty": 60},
                {"action": "add_line", "sku": "UL-0002", "qty": 96},
                {"action": "set_delivery", "date": "+1", "receiver": "Stjepan Zorić"},
                {"action": "place_order"},
            ],
            False,
        ),
    ],
)
def test_r7_an_unusual_order_goes_to_the_head_first(start, actions, passed: bool) -> None:
    """The router lets the operator take a market trader's order, but ten times the usual
    is for the head of wholesale to decide (R7): taking it, or asking the manager, fails."""
    from assistant.simulator.player import ACT

    training = start(find("unusual-order", "en"))
    call = LiveCall()
    training.identify(call, "K0007")
    for action in actions:
        ACT[action["action"]](training, call, action)
    card = training.finish(call).as_dict()
    (r7,) = card["rules"]
    assert r7["requirement"] == "R7" and r7["passed"] is passed
    assert r7["source"]["doc"] == "procedures/call-routing.md"
