"""The Call-backs page (R22): the queue by window, overdue flagged, Take and the outcome."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from assistant.outbound.models import CallbackAttempt, CallbackRequest
from assistant.timeutil import utcnow
from tests import factories as f
from tests.db.test_callbacks import request
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/callbacks.py"
CALL = "assistant/ui/pages/call.py"


@pytest.fixture
def queue(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A known client's call-back (window soon), a stranger's (later), and an overdue one."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "K1", type="marketer", manager=f.manager(s, "MGR"), phone="+385 1 234 5678")
        s.add(
            CallbackRequest(
                request_id="old", name="Ivo Late", phone="091 555 1234", consent=True,
                window_from=utcnow() - timedelta(hours=6), window_to=utcnow() - timedelta(hours=4),
            )
        )  # fmt: skip
    services.callbacks.receive(request("known", hours=1, name="Ana Known"))
    services.callbacks.receive(
        request("stranger", hours=3, name="Eve *Stranger*", phone="+385 98 765 4321", company=None)
    )
    return services


def _page(roles: tuple[str, ...] = ("operator",)) -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=30), roles=roles).run()
    return at.switch_page(PAGE).run()


def _take(at: AppTest, callback_id: int) -> AppTest:
    """Click Take; the script switches to the live call. AppTest's next runs would run the
    page it was last told to (the Call-backs page), so it is told the live call too."""
    at.button(key=f"take-{callback_id}").click().run()
    assert not at.exception, at.exception
    assert any("asked on the website" in m.value for m in at.markdown)  # the live call's banner
    return at.switch_page(CALL)


def _text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def test_the_queue_is_ordered_by_window_and_flags_the_overdue(queue: Any) -> None:
    at = _page()
    assert not at.exception
    text = _text(at)
    assert text.index("Ivo Late") < text.index("Ana Known") < text.index("Stranger")
    assert "\\*Stranger\\*" in text  # the website's text is shown as text, never as markup
    assert text.count("Overdue") == 1
    assert "Client K1" in [c.value for c in at.caption]
    assert [b.key for b in at.button if (b.key or "").startswith("take-")] == [
        f"take-{i.id}" for i in queue.callbacks.queue(actor=f.acting())
    ]


def test_taking_a_known_clients_call_back_opens_its_card_and_records_no_answer(
    queue: Any,
) -> None:
    known = next(i for i in queue.callbacks.queue(actor=f.acting()) if i.client == "K1")
    at = _page()
    _take(at, known.id)
    assert at.text_input(key="caller_query").value == "+38512345678"
    assert "Call-back" in _text(at) and "Ana Known" in _text(at)
    assert "Client K1" in _text(at) or any("K1" in m.value for m in at.markdown)
    at.button(key="callback-no_answer").click().run()
    assert not at.exception
    assert any("back in the queue" in s.value for s in at.success), [
        x.value for x in [*at.success, *at.error]
    ]
    assert not [b for b in at.button if b.key == "callback-no_answer"]
    with queue.sessions() as s:
        attempt = s.scalars(select(CallbackAttempt)).one()
        row = s.get(CallbackRequest, known.id)
    assert (attempt.outcome, attempt.operator, row.attempts, row.status) == (
        "no_answer",
        "ana",
        1,
        "open",
    )
    assert attempt.call_id is not None  # the live call the operator made it from


def test_a_stranger_is_a_new_caller_and_answered_closes_it(queue: Any) -> None:
    stranger = next(i for i in queue.callbacks.queue(actor=f.acting()) if i.client is None and
                    i.request_id == "stranger")  # fmt: skip
    at = _page()
    _take(at, stranger.id)
    assert at.text_input(key="caller_query").value == "+385987654321"
    at.button(key="callback-answered").click().run()
    assert any("is done" in s.value for s in at.success)
    assert queue.callbacks.get(stranger.id, actor=f.acting()).status == "done"


def test_the_page_is_listed_only_for_those_who_record_calls(queue: Any) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=30), roles=("head",)).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_a_reopened_call_keeps_its_call_back_banner(queue: Any) -> None:
    """The browser reloads onto another process mid-call: the call-back comes back with it."""
    known = next(i for i in queue.callbacks.queue(actor=f.acting()) if i.client == "K1")
    at = _take(_page(), known.id).run()
    call = at.query_params["call"]  # the card is on screen: the call and its draft are saved
    st.cache_resource.clear()  # a new process: nothing of the first session's memory
    again = logged_in(AppTest.from_file(APP, default_timeout=30))
    again.query_params["call"] = call
    again.run()
    assert not again.exception, again.exception
    assert "asked on the website" in _text(again) and "Ana Known" in _text(again)
    again.button(key="callback-answered").click().run()
    assert not again.exception, again.exception
    with queue.sessions() as s:
        attempt = s.scalars(select(CallbackAttempt)).one()
    assert (attempt.outcome, str(attempt.call_id)) == ("answered", call)
