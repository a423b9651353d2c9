"""`desk ask --after`: a follow-up answered in the context of the question before it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.config import Settings
from assistant.services import build_services
from knowledge.models import Chunk
from tests import factories as f
from tests.desk_env import desk_env

runner = CliRunner()

FACT = "another available KAM"
PASSAGES = [
    ("procedures/routing.md", "Key clients",
     "Key clients order through their key account manager (KAM). If the KAM is absent, "
     f"transfer the call to {FACT}."),
    ("procedures/complaints.md", "Complaints",
     "Complaints: if the manager is absent, the complaint goes to the head of sales."),
    ("procedures/delivery.md", "Delivery terms",
     "Deliveries to the islands go on Tuesdays and Fridays by ferry."),
]  # fmt: skip
FIRST = "Who takes the calls of key clients?"
FOLLOW_UP = "And if that manager is absent?"


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Three procedures in a fresh Chroma store, no LLM."""
    desk_env(monkeypatch, db_url, tmp_path)
    with session_factory.begin() as s:
        f.columns(s)
    services = build_services(Settings())
    services.knowledge_store.upsert(
        [
            Chunk.make(doc=doc, text=text, title=title, kind="procedure")
            for doc, title, text in PASSAGES
        ]
    )
    yield services
    services.engine.dispose()


def _top(*args: str) -> str:
    result = runner.invoke(app, ["ask", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["sources"][0]["text"]


def test_a_follow_up_with_after_finds_the_fact_of_the_question_before(desk) -> None:
    assert FACT in _top(FOLLOW_UP, "--after", FIRST)


def test_the_same_follow_up_alone_does_not(desk) -> None:
    assert FACT not in _top(FOLLOW_UP)


def test_a_question_that_stands_alone_is_answered_the_same_after_another(desk) -> None:
    alone = _top("When are deliveries to the islands?")
    assert alone == _top("When are deliveries to the islands?", "--after", FIRST)
    assert "Tuesdays and Fridays" in alone
