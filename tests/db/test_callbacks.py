"""Call-backs from the website (R22): taken once per request_id, queued, tried, closed."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.auth.rights import Actor, Forbidden
from assistant.errors import DeskError
from assistant.outbound.callback_input import InvalidCallback
from assistant.outbound.models import CallbackAttempt, CallbackRequest
from assistant.timeutil import utcnow
from tests import factories as f

OPERATOR = Actor.of("ana", ["operator"])


def request(request_id: str = "web-1", *, hours: float = 1, **fields: Any) -> dict[str, Any]:
    """A valid post whose window opens in `hours` and lasts two hours."""
    start = utcnow() + timedelta(hours=hours)
    return {
        "request_id": request_id,
        "name": "Ana Horvat",
        "phone": "01 234 5678",
        "company": "Bistro Ana",
        "topic": "olive oil for the season",
        "window_from": start.isoformat(),
        "window_to": (start + timedelta(hours=2)).isoformat(),
        "consent": True,
        **fields,
    }


def _rows(services: Any) -> int:
    with services.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(CallbackRequest)) or 0)


def test_a_request_is_taken_once_and_linked_to_the_client_with_that_phone(services) -> None:
    with services.sessions.begin() as s:
        f.client(s, "M1", phone="+385 1 234 5678")
    first = services.callbacks.receive(request(), source="10.0.0.1")
    again = services.callbacks.receive(request(name="Someone else"))
    assert first.created and not again.created and again.id == first.id
    item = services.callbacks.get(first.id, actor=OPERATOR)
    assert (item.phone_key, item.client, item.status, item.attempts) == (
        "+38512345678",
        "M1",
        "open",
        0,
    )
    assert item.name == "Ana Horvat"  # the repeat changed nothing
    assert _rows(services) == 1


def test_a_repeat_gets_its_id_even_once_its_window_has_gone_by(services) -> None:
    first = services.callbacks.receive(request("late"))
    again = services.callbacks.receive(request("late", hours=-6))
    assert (again.id, again.created) == (first.id, False)
    with pytest.raises(InvalidCallback):
        services.callbacks.receive(request("new", hours=-6))
    assert _rows(services) == 1


def test_a_stranger_s_phone_links_no_client(services) -> None:
    got = services.callbacks.receive(request(phone="+385 91 555 1234"))
    assert services.callbacks.get(got.id, actor=OPERATOR).client is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "call me maybe"}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"consent": False}, "consent"),
        ({"consent": None}, "consent"),
        ({"name": "x" * 201}, "name"),
        ({"request_id": ""}, "request_id"),
        ({"topic": "t" * 2001}, "topic"),
        ({"window_from": "tomorrow"}, "window_from"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(services, change, field) -> None:
    with pytest.raises(InvalidCallback) as bad:
        services.callbacks.receive(request(**change))
    assert [p.field for p in bad.value.problems] == [field]
    assert _rows(services) == 0


def test_a_window_in_the_past_or_reversed_is_refused(services) -> None:
    with pytest.raises(InvalidCallback, match="in the past"):
        services.callbacks.receive(request(hours=-5))
    reversed_ = request()
    reversed_["window_from"], reversed_["window_to"] = (
        reversed_["window_to"],
        reversed_["window_from"],
    )
    with pytest.raises(InvalidCallback, match="later than window_from"):
        services.callbacks.receive(reversed_)
    everything = {"request_id": 5, "consent": "yes"}
    with pytest.raises(InvalidCallback) as bad:
        services.callbacks.receive(everything)
    assert {p.field for p in bad.value.problems} == {
        "request_id", "name", "phone", "window_from", "window_to", "consent",
    }  # fmt: skip


def test_twenty_concurrent_posts_of_one_request_make_one_row(services) -> None:
    start = threading.Barrier(20)
    ids: list[int] = []
    created: list[bool] = []

    def post() -> None:
        start.wait()
        got = services.callbacks.receive(request("same"))
        ids.append(got.id)
        created.append(got.created)

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(ids) == 20 and len(set(ids)) == 1
    assert created.count(True) == 1
    assert _rows(services) == 1


def test_the_queue_runs_by_window_and_flags_the_overdue(services) -> None:
    later = services.callbacks.receive(request("later", hours=5)).id
    sooner = services.callbacks.receive(request("sooner", hours=1)).id
    with services.sessions.begin() as s:  # a request whose window closed unanswered
        overdue = CallbackRequest(
            request_id="old", name="Ivo", phone="091 555 1234", consent=True,
            window_from=utcnow() - timedelta(hours=5), window_to=utcnow() - timedelta(hours=3),
        )  # fmt: skip
        s.add(overdue)
    queue = services.callbacks.queue(actor=OPERATOR)
    assert [i.request_id for i in queue] == ["old", "sooner", "later"]
    assert [i.overdue for i in queue] == [True, False, False]
    assert [i.id for i in queue][1:] == [sooner, later]


def test_no_answer_retries_later_and_the_third_closes_it_unreachable(services) -> None:
    got = services.callbacks.receive(request(hours=1))
    first = services.callbacks.attempt(got.id, outcome="no_answer", actor=OPERATOR)
    assert first.status == "open" and first.attempts == 1
    assert first.due_at > first.window_from  # rescheduled
    services.callbacks.attempt(got.id, outcome="no_answer", actor=OPERATOR)
    third = services.callbacks.attempt(got.id, outcome="no_answer", actor=OPERATOR)
    assert (third.status, third.attempts) == ("unreachable", 3)
    assert services.callbacks.queue(actor=OPERATOR) == []
    assert [i.id for i in services.callbacks.queue(actor=OPERATOR, status="unreachable")] == [
        got.id
    ]
    with pytest.raises(DeskError, match="already closed"):
        services.callbacks.attempt(got.id, outcome="answered", actor=OPERATOR)


def test_an_answered_call_back_is_done_with_its_time(services) -> None:
    got = services.callbacks.receive(request())
    done = services.callbacks.attempt(got.id, outcome="answered", actor=OPERATOR)
    assert done.status == "done"
    with services.sessions() as s:
        row = s.get(CallbackRequest, got.id)
        assert row is not None and row.answered_at is not None
        attempt = s.scalars(select(CallbackAttempt)).one()
        assert (attempt.operator, attempt.outcome) == ("ana", "answered")


def test_a_wrong_number_closes_it_and_a_trainee_may_not_work_it(services) -> None:
    got = services.callbacks.receive(request())
    with pytest.raises(Forbidden):
        services.callbacks.attempt(got.id, outcome="no_answer", actor=Actor.of("n", ["trainee"]))
    closed = services.callbacks.attempt(got.id, outcome="wrong_number", actor=OPERATOR)
    assert closed.status == "unreachable"
    with pytest.raises(DeskError, match="Unknown status"):
        services.callbacks.queue(actor=OPERATOR, status="lost")
