"""A follow-up in the chat (the Ask page and the panel beside the live call) is answered
in the context of the question before it."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.config import Settings
from assistant.services import build_services
from knowledge.models import Chunk
from tests import factories as f
from tests.cli.test_ask_followup import FIRST, FOLLOW_UP, PASSAGES
from tests.ui.steps import knowledge_desk_env, logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/assistant.py"


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Key clients, complaints and delivery procedures in a fresh store (fake embeddings)."""
    knowledge_desk_env(monkeypatch, db_url, tmp_path)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"))
    services = build_services(Settings())
    services.knowledge_store.upsert(
        [
            Chunk.make(doc=doc, text=text, title=title, kind="procedure")
            for doc, title, text in PASSAGES
        ]
    )
    yield services
    st.cache_resource.clear()
    services.engine.dispose()


def _ask(at: AppTest, question: str) -> list[str]:
    """Ask on the Ask page; the source titles of every answer shown, in order."""
    at.chat_input(key="ask_input").set_value(question).run()
    assert not at.exception, at.exception
    return [e.label for e in at.expander if e.label.startswith("[")]


def _ask_page() -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    return at.switch_page(PAGE).run()


def test_a_follow_up_on_the_ask_page_is_answered_after_the_question_before(desk) -> None:
    at = _ask_page()
    first = _ask(at, FIRST)
    assert first[0] == "[1] Key clients"
    labels = _ask(at, FOLLOW_UP)
    assert labels[len(first)] == "[1] Key clients"  # the follow-up's own first source


def test_the_same_follow_up_as_the_first_question_is_searched_alone(desk) -> None:
    labels = _ask(_ask_page(), FOLLOW_UP)
    assert labels[0] == "[1] Complaints"


def test_cleared_chat_forgets_the_question_before(desk) -> None:
    at = _ask_page()
    _ask(at, FIRST)
    next(b for b in at.button if b.key == "ask_clear").click().run()
    assert _ask(at, FOLLOW_UP)[0] == "[1] Complaints"


def test_the_live_call_panel_answers_a_follow_up_in_context(desk) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.text_input(key="caller_query").input("M1").run()
    for question in (FIRST, FOLLOW_UP):
        next(t for t in at.text_input if t.label == "Question").input(question)
        next(b for b in at.button if b.label == "Ask").click().run()
        assert not at.exception, at.exception
    labels = [e.label for e in at.expander if e.label.startswith("[")]
    assert labels[0] == "[1] Key clients"
