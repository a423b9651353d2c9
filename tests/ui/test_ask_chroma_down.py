"""The Ask page while the Chroma server is down: a warning and a retry, then answers once it is up.

DESK_CHROMA_URL points at a free port where nothing listens; a `chroma run` is then
started on that very port, and the same app (no restart) answers on "Try again".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import factories as f
from tests.knowledge.conftest import free_port, start_chroma, stop_chroma
from tests.ui.steps import knowledge_desk_env, logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/assistant.py"
UNAVAILABLE = "The knowledge base is unavailable; retrying."


@pytest.fixture
def port(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch) -> Iterator[int]:
    """A desk whose Chroma server, at a port of its own, is not running."""
    port = free_port()
    knowledge_desk_env(monkeypatch, db_url, tmp_path, DESK_CHROMA_URL=f"http://127.0.0.1:{port}")
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", manager=f.manager(s, "MGR"))
    yield port
    st.cache_resource.clear()


def test_the_ask_page_says_unavailable_then_answers_when_chroma_is_back(
    port: int, tmp_path: Path
) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.switch_page(PAGE).run()
    at.chat_input(key="ask_input").set_value("When are deliveries to the islands?").run()

    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [UNAVAILABLE]
    assert not at.error

    at.run()  # the next run still says so, with the button to try again
    assert [w.value for w in at.warning] == [UNAVAILABLE]
    retry = next(b for b in at.button if b.label == "Try again")

    (tmp_path / "server").mkdir()
    server = start_chroma(tmp_path / "server", port)
    try:
        retry.click().run()
    finally:
        stop_chroma(server)
    assert not at.exception, at.exception
    assert not at.warning and not at.error
