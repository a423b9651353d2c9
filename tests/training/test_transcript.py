"""The simulated client's lines follow the trainee's actions, in the scenario's order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from assistant.calls.state import LiveCall
from assistant.config import Settings
from assistant.db import make_session_factory
from assistant.simulator.actions import details_of
from assistant.simulator.session import TrainingCall
from assistant.training.scenario import find
from tests.conftest import _engine_for

DAY = date(2026, 11, 26)


@pytest.fixture
def training(sqlite_url: str, tmp_path: Path) -> TrainingCall:
    engine: Engine = _engine_for(sqlite_url)
    settings = Settings(database_url=sqlite_url, chroma_path=tmp_path / "chroma", embeddings="fake")
    call = TrainingCall.start(
        settings=settings,
        scenario=find("ordinary-order", "en"),
        user="tina",
        mode="practice",
        live_sessions=make_session_factory(engine),
        today=DAY,
    )
    yield call
    call.close()


def _said(training: TrainingCall, call: LiveCall) -> list[str]:
    lines = training.transcript(call)
    assert {s.who for s in lines} <= {"client"}
    return [s.text for s in lines]


def test_the_transcript_is_driven_by_the_actions(training: TrainingCall) -> None:
    lines = {line.on: line.say for line in training.scenario.lines}
    call = LiveCall()
    assert _said(training, call) == [lines["call_start"]]
    training.identify(call, "K0001")
    # The card opened and the offers were shown: the client reacts to both, in file order.
    assert _said(training, call) == [
        lines["call_start"],
        lines["identified"],
        lines["offer_made"],
        lines["addon_offered"],
    ]
    call.add("TJ-0001", Decimal(40))
    training.show_offers(call)
    said = _said(training, call)
    assert said[-1] == lines["discount_asked"]  # asks for a discount once a line is on
    assert lines["delivery_asked"] not in said
    training.agree_delivery(details_of({"date": "+1", "receiver": "Ana Kovač"}, today=DAY))
    assert _said(training, call)[-1] == lines["delivery_asked"]
    # Each line once: asking again adds nothing.
    assert _said(training, call) == _said(training, call)
    assert len(set(_said(training, call))) == len(_said(training, call))


def test_the_same_actions_give_the_same_transcript(training: TrainingCall) -> None:
    first = LiveCall()
    training.identify(first, "K0001")
    again = TrainingCall(
        sandbox=training.sandbox,
        scenario=training.scenario,
        user="tina",
        mode="practice",
        live_sessions=training._live._sessions,
    )
    second = LiveCall()
    again.identify(second, "K0001")
    assert again.transcript(second) == training.transcript(first)
