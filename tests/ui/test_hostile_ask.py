"""Hostile text in the Ask box and the caller box: never a traceback, never rendered as HTML."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.steps import logged_in
from tests.ui.test_assistant_page import APP, _ask_page, desk

__all__ = ["desk"]  # the fixture: a small desk with two procedures

HOSTILE = {
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "sql": "'; DROP TABLE clients; --",
    "control": "bell\x07 escape\x1b[31m",
    "nul": "before\x00after",
    "huge": "A" * 100_000,
}


def _no_markup(at: AppTest) -> None:
    assert not at.exception, at.exception
    for element in at.markdown:
        if "<script" in element.value or "<img" in element.value:
            assert not element.allow_html, element.value[:200]


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_ask_box_takes_hostile_text_without_a_traceback(desk, text: str) -> None:
    at = _ask_page()
    at.chat_input(key="ask_input").set_value(text).run()
    _no_markup(at)
    if len(text) > 2000:
        assert at.error[0].value == "The question is 100000 characters long: shorten it to 2000."


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_caller_box_takes_hostile_text_without_a_traceback(desk, text: str) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.text_input(key="caller_query").input(text).run()
    _no_markup(at)
