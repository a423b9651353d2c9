"""Feedback on the live call (AppTest): the wrap-up routes the comment to a department,
and a department's answer is on the client's card at its next call until told (R20)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.calls.models import Call
from assistant.feedback.items import FeedbackNote
from assistant.feedback.models import FeedbackItem
from tests.ui.steps import logged_in
from tests.ui.test_feedback_page import company

APP = str(Path(__file__).resolve().parents[2] / "app.py")
BOSS = Actor.of("boss", ["head"])


@pytest.fixture
def desk(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Client M1 with a comment the quality department has answered; another for logistics."""
    client_id = company(services, db_url, monkeypatch, ("quality", "logistics"))
    ana = Actor.of("ana", ["operator"])
    item = services.feedback.note(
        FeedbackNote("quality", "Rancid oil."), actor=ana, client_id=client_id
    )
    services.feedback.answer(item, text="Batch 42 withdrawn; credit note sent.", actor=BOSS)
    return services


def _caller(query: str) -> AppTest:
    app = logged_in(AppTest.from_file(APP, default_timeout=30)).run()
    app.text_input(key="caller_query").input(query).run()
    assert not app.exception, app.exception
    return app


def _drawn(app: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "info", "caption") for e in app.get(kind))


def test_the_answer_is_shown_on_the_next_call_until_the_operator_told_the_client(
    desk: Any,
) -> None:
    app = _caller("M1")
    drawn = _drawn(app)
    assert "Answer from quality" in drawn and "Rancid oil" in drawn
    assert "Batch 42 withdrawn; credit note sent" in drawn
    [told] = [b for b in app.button if (b.key or "").startswith("feedback-told-")]
    told.click().run()
    assert not app.exception
    assert "Batch 42 withdrawn" not in _drawn(app)
    with desk.sessions() as s:
        assert s.scalars(select(FeedbackItem.answer_shown_at)).one() is not None
    assert "Batch 42 withdrawn" not in _drawn(_caller("M1"))  # nor on the call after


def test_the_wrap_up_routes_the_comment_to_the_department_picked(desk: Any) -> None:
    app = _caller("M1")
    assert set(app.selectbox(key="note_department").options) >= {"(none)", "quality", "logistics"}
    app.text_input(key="call_note").input("The van came two hours late.").run()
    app.selectbox(key="note_department").set_value("logistics").run()
    app.button(key="outcome-complaint").click().run()
    assert not app.exception
    assert "Call closed: complaint." in " ".join(s.value for s in app.success)
    with desk.sessions() as s:
        call = s.scalars(select(Call)).one()
        item = s.scalars(select(FeedbackItem).where(FeedbackItem.call_id == call.id)).one()
    assert call.notes == "The van came two hours late."
    assert (item.text, item.operator, item.client_id, item.status) == (
        "The van came two hours late.",
        "ana",
        call.client_id,
        "new",
    )
    [queued] = desk.feedback.queue(actor=BOSS, department="logistics")
    assert queued.id == item.id


def test_an_answer_with_markup_is_shown_as_written(desk: Any) -> None:
    [item] = desk.feedback.queue(actor=BOSS, status="answered")
    with desk.sessions.begin() as s:
        s.get(FeedbackItem, item.id).answer = "**Free** [click](http://e.vil) <b>now</b>"
    info = [i.value for i in _caller("M1").info]
    # Markdown's special characters escaped: no bold, no link, no HTML (R21).
    assert r"\*\*Free\*\* \[click\]\(http://e\.vil\) \<b\>now\</b\>" in info
