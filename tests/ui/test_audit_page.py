"""The Audit page in AppTest: heads see the log with its filters; others are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor, Forbidden
from assistant.ui.session_user import ACTOR_KEY

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/audit.py"


@pytest.fixture
def logged(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A call registered by ana, and a refused attempt by a trainee."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    services.calls.start(actor=Actor.of("ana", ["operator"]), phone=None, client_id=None)
    with pytest.raises(Forbidden):
        services.calls.start(actor=Actor.of("nova", ["trainee"]), phone=None, client_id=None)
    return services


def _page(actor: Actor) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state[ACTOR_KEY] = actor
    at.run()
    return at.switch_page(PAGE).run()


def test_a_head_sees_changes_and_refusals_and_filters_them(logged: Any) -> None:
    at = _page(Actor.of("boss", ["head"]))
    assert not at.exception
    table = at.dataframe[0].value
    assert list(zip(table["actor"], table["action"], table["outcome"], strict=True)) == [
        ("nova", "call.record", "refused"),
        ("ana", "call.record", "done"),
    ]
    at.text_input(key="audit_user").input("ana").run()
    assert list(at.dataframe[0].value["actor"]) == ["ana"]


def test_an_operator_is_not_listed_the_page_and_the_page_itself_refuses(logged: Any) -> None:
    operator = Actor.of("ana", ["operator"])
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _page(operator)
    # Reached directly, the page still shows nothing: it is never the only guard.
    at = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=30)
    at.session_state[ACTOR_KEY] = operator
    at.run()
    assert not at.exception
    assert not at.dataframe
    assert at.info[0].value == "The audit log is for heads of sales and admins."
