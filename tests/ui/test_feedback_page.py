"""The Feedback page (AppTest): a head filters the queue, takes an item on and answers it;
an empty answer is refused and kept; operators are not listed the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.feedback.items import FeedbackNote
from assistant.i18n import use_language
from assistant.ui.session_user import ACTOR_KEY
from tests import factories as f

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/feedback.py"
ANA = Actor.of("ana", ["operator"])


def company(services: Any, db_url: str, monkeypatch: Any, departments: tuple[str, ...]) -> int:
    """The app on the test database, client M1 and `departments`; returns M1's id."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()
    with services.sessions.begin() as s:
        f.columns(s)
        m1 = f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        for code in departments:
            f.department(s, code)
        return int(m1.id)


@pytest.fixture
def desk(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Two comments of M1: one for quality, one for marketing."""
    client_id = company(services, db_url, monkeypatch, ("quality", "marketing"))
    for dept, said in (("quality", "Rancid oil."), ("marketing", "Wants the catalogue.")):
        services.feedback.note(FeedbackNote(dept, said), actor=ANA, client_id=client_id)
    return services


def _page(actor: Actor) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state[ACTOR_KEY] = actor
    at.run()
    return at.switch_page(PAGE).run()


def test_a_head_takes_an_item_on_and_answers_it(desk: Any) -> None:
    at = _page(Actor.of("boss", ["head"]))
    assert not at.exception
    assert list(at.dataframe[0].value["comment"]) == ["Rancid oil.", "Wants the catalogue."]
    at.selectbox(key="feedback_department").set_value("quality").run()
    assert list(at.dataframe[0].value["comment"]) == ["Rancid oil."]
    at.button(key="feedback_start").click().run()
    assert not at.exception
    assert list(at.dataframe[0].value["status"]) == ["in progress"]
    [item] = desk.feedback.queue(actor=Actor.system(), department="quality")
    box = f"feedback_answer-{item.id}"
    at.button(key="feedback_save").click().run()  # nothing written yet
    assert "Write the answer first" in at.error[0].value
    at.text_area(key=box).input("Batch 42 withdrawn.").run()
    at.button(key="feedback_save").click().run()
    assert not at.exception
    assert desk.feedback.get(item.id, actor=Actor.system()).answer == "Batch 42 withdrawn."
    assert at.info[0].value == "No feedback items match these filters."  # none open left
    at.selectbox(key="feedback_status").set_value("answered").run()
    assert list(at.dataframe[0].value["answer"]) == ["Batch 42 withdrawn."]
    assert "The operator tells the client on its next call." in [c.value for c in at.caption]


def test_an_operator_is_not_listed_the_page_and_the_page_itself_refuses(desk: Any) -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _page(ANA)
    at = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=30)
    at.session_state[ACTOR_KEY] = ANA
    at.run()
    assert not at.exception and not at.dataframe
    assert "answered by heads of sales and admins" in at.info[0].value


def test_the_page_speaks_croatian(desk: Any) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state[ACTOR_KEY] = Actor.of("boss", ["head"])
    at.session_state["language"] = "hr"
    at.run()
    # AppTest reads the options back in the test's thread: it speaks the run's language too.
    with use_language("hr"):
        at = at.switch_page(PAGE).run()
        assert not at.exception
        assert "### Povratne informacije odjelima" in [m.value for m in at.markdown]
        assert at.selectbox(key="feedback_department").label == "Odjel"
        assert list(at.dataframe[0].value["status"]) == ["novo", "novo"]
        assert at.button(key="feedback_start").label == "Preuzmi"
