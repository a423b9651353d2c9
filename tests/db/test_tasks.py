"""Call tasks with survey answers, end to end below the screens (R24, R25), and
reactivated sleepers (R23)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from assistant.auth.rights import Actor, Forbidden
from assistant.clients.models import Client
from assistant.errors import DeskError
from assistant.outbound.models import SurveyAnswer, TaskClient
from assistant.outbound.reactivation import reactivated
from assistant.outbound.task_spec import InvalidTask, TaskSpec
from assistant.outbound.tasks import TaskBook
from tests import factories as f
from tests.conftest import TODAY
from tests.outbound import sleepers

HEAD = Actor.of("boss", ["head"])
ANA, IVO = Actor.of("ana", ["operator"]), Actor.of("ivo", ["operator"])
QUESTIONS = [
    {"text": "Happy with delivery?", "kind": "yesno"},
    {"text": "Where do you buy now?", "kind": "choice", "choices": ["cash & carry", "nowhere"]},
    {"text": "Deliveries a week?", "kind": "number"},
    {"text": "What should we improve?", "kind": "text"},
]


@pytest.fixture
def book(session_factory) -> TaskBook:
    with session_factory.begin() as s:
        sleepers.build(s)
        f.user(s, "ana", "operator")
        f.user(s, "ivo", "operator")
        f.user(s, "eva", "editor")
        f.user(s, "old", "operator", disabled=True)
    called = datetime.combine(TODAY, time(9))
    return TaskBook(
        session_factory=session_factory, factor=2, today=lambda: TODAY, now=lambda: called
    )


def _spec(**over: Any) -> TaskSpec:
    data = {
        "title": "Wake them up",
        "purpose": "Ask why they stopped ordering",
        "script_variant": "reactivation",
        "due_date": (TODAY + timedelta(7)).isoformat(),
        "operators": ["ana", "ivo"],
        "questions": QUESTIONS,
        **over,
    }
    return TaskSpec.from_json({k: v for k, v in data.items() if v is not None})


def test_sleepers_hand_picked_and_filtered_clients_are_shared_round_robin(book) -> None:
    task_id = book.create(
        _spec(sleeping={"limit": 2}, clients=["A1"], filter={"type": "restaurant"}), actor=HEAD
    )
    shown = book.show(task_id, actor=HEAD)
    rows = [(c["client"], c["operator"], c["was_sleeping"]) for c in shown["clients"]]
    # By hand first, then the two most valuable sleepers; S2 also matches the filter.
    assert rows == [("A1", "ana", False), ("S2", "ivo", True), ("M7", "ana", True)]
    assert shown["counts"] == {
        "clients": 3, "pending": 3, "done": 0, "unreachable": 0, "reactivated": 0
    }  # fmt: skip
    assert [q["kind"] for q in shown["questions"]] == ["yesno", "choice", "number", "text"]
    assert [t["id"] for t in book.summaries(actor=HEAD)] == [task_id]


def test_an_operator_works_its_clients_and_the_head_sees_the_survey_tabulated(book) -> None:
    task_id = book.create(_spec(clients=["S1", "S2", "P1"]), actor=HEAD)
    mine = book.assigned(actor=ANA)
    assert [(r["client"], r["status"]) for r in mine] == [("S1", "pending"), ("P1", "pending")]
    call = book.call(mine[0]["task_client_id"], actor=ANA)
    assert (call.purpose, call.client_code, len(call.questions)) == (
        "Ask why they stopped ordering", "S1", 4
    )  # fmt: skip
    q = {x.kind: x.id for x in call.questions}
    answers = {q["yesno"]: "yes", q["choice"]: "nowhere", q["number"]: "2", q["text"]: "Prices"}
    book.record(call.task_client_id, outcome="done", answers=answers, call_id=None, actor=ANA)
    p1 = mine[1]["task_client_id"]
    book.record(
        p1, outcome="done", answers={q["yesno"]: "no", q["number"]: "3,5"}, call_id=None, actor=ANA
    )
    s2 = book.assigned(actor=IVO)[0]["task_client_id"]
    book.record(s2, outcome="unreachable", answers={q["yesno"]: "yes"}, call_id=None, actor=IVO)
    shown = book.show(task_id, actor=HEAD)
    yesno, choice, number, text = shown["questions"]
    assert yesno["counts"] == {"yes": 1, "no": 1}  # the unreachable one's answer is not kept
    assert choice["counts"] == {"cash & carry": 0, "nowhere": 1}
    assert (number["mean"], number["min"], number["max"]) == (2.75, 2.0, 3.5)
    assert text["texts"] == ["Prices"]
    assert shown["counts"]["done"] == 2 and shown["counts"]["unreachable"] == 1
    by_client = {c["client"]: c for c in shown["clients"]}
    assert by_client["S1"]["called_at"] == f"{TODAY.isoformat()}T09:00:00"
    # Recording again replaces the answers, never adds to them.
    book.record(
        call.task_client_id, outcome="done", answers={q["yesno"]: "no"}, call_id=None, actor=ANA
    )
    assert book.show(task_id, actor=HEAD)["questions"][0]["counts"] == {"yes": 0, "no": 2}


def test_bad_answers_and_other_operators_are_refused_with_nothing_written(
    book, session_factory
) -> None:
    book.create(_spec(clients=["S1"]), actor=HEAD)
    tc = book.assigned(actor=ANA)[0]["task_client_id"]
    q = {x.kind: x.id for x in book.call(tc, actor=ANA).questions}
    with pytest.raises(DeskError) as err:
        book.record(
            tc,
            outcome="done",
            answers={q["yesno"]: "maybe", q["choice"]: "x", q["number"]: "lots"},
            call_id=None,
            actor=ANA,
        )
    assert [p.message for p in err.value.problems] == [
        "Happy with delivery?: answer yes or no.",
        "Where do you buy now?: pick one of cash & carry, nowhere.",
        "Deliveries a week?: 'lots' is not a number.",
    ]
    with pytest.raises(DeskError, match="on ana's list, not yours"):
        book.record(tc, outcome="done", answers={}, call_id=None, actor=IVO)
    with pytest.raises(Forbidden):
        book.record(
            tc, outcome="done", answers={}, call_id=None, actor=Actor.of("nova", ["trainee"])
        )
    with session_factory() as s:
        assert s.scalars(select(SurveyAnswer)).all() == []
        assert s.scalars(select(TaskClient.status)).all() == ["pending"]


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"clients": ["S1", "NOPE", "ZZ"]}, "clients", "No client has the code NOPE, ZZ"),
        ({"clients": None}, "clients", "Pick the clients"),
        ({"clients": ["S1"], "operators": ["ana", "ghost"]}, "operators", "no desk user ghost"),
        (
            {"clients": ["S1"], "operators": ["eva", "old"]},
            "operators",
            "eva, old cannot take calls",
        ),
        ({"clients": ["S1"], "operators": []}, "operators", "at least one operator"),
        (
            {"clients": ["S1"], "questions": [{"text": "Which?", "kind": "choice"}]},
            "questions[0].choices",
            "give at least two choices",
        ),
        (
            {"clients": ["S1"], "questions": [{"text": "Which?", "kind": "stars"}]},
            "questions[0].kind",
            "one of yesno, choice",
        ),
        ({"clients": ["S1"], "due_date": "2026-13-01"}, "due_date", "not a date"),
        ({"clients": ["S1"], "due_date": "2026-01-01"}, "due_date", "in the past"),
        ({"filter": {"type": "key"}}, "clients", "No client matches"),
        ({"clients": ["S1"], "title": ""}, "title", "required"),
    ],
)
def test_a_bad_task_is_refused_naming_its_field(
    book, session_factory, over, field, message
) -> None:
    with pytest.raises(InvalidTask) as err:
        book.create(_spec(**over), actor=HEAD)
    assert (field, True) in [(p.field, message in p.message) for p in err.value.problems]
    with session_factory() as s:
        assert s.scalars(select(TaskClient)).all() == []


def test_only_heads_and_admins_give_tasks_and_read_them(book) -> None:
    with pytest.raises(Forbidden, match="head of sales or admin"):
        book.create(_spec(clients=["S1"]), actor=ANA)
    with pytest.raises(Forbidden):
        book.summaries(actor=ANA)
    assert book.create(_spec(clients=["S1"]), actor=Actor.of("root", ["admin"]))


def test_a_sleeper_who_orders_within_30_days_of_its_call_counts_as_reactivated(
    book, session_factory
) -> None:
    task_id = book.create(_spec(sleeping=True, operators=["ana"]), actor=HEAD)
    rows = {r["client"]: r["task_client_id"] for r in book.assigned(actor=ANA)}
    assert set(rows) == set(sleepers.SLEEPING)
    for code, tc in rows.items():
        outcome = "unreachable" if code == "D1" else "done"
        book.record(tc, outcome=outcome, answers={}, call_id=None, actor=ANA)
    day = TODAY  # every call at 09:00 on TODAY
    with session_factory.begin() as s:
        ids = {c: i for c, i in s.execute(select(Client.code, Client.id))}
        sleepers.placed_order(s, ids["S1"], day, 50, at=time(11))  # the same day, after the call
        f.history(
            s,
            s.get(Client, ids["S2"]),
            _oil(s),
            order_no="S2-new",
            day=day + timedelta(30),
        )
        f.history(
            s,
            s.get(Client, ids["P1"]),
            _oil(s),
            order_no="P1-late",
            day=day + timedelta(31),
        )
        sleepers.placed_order(s, ids["D1"], day, 50, at=time(11))  # but the call never reached it
        # Called three days earlier: its order 31 days after the call is outside the window.
        s.execute(
            update(TaskClient)
            .where(TaskClient.id == rows["P1"])
            .values(called_at=datetime.combine(day - timedelta(1), time(9)))
        )
    shown = book.show(task_id, actor=HEAD)
    assert {c["client"] for c in shown["clients"] if c["reactivated"]} == {"S1", "S2"}
    assert shown["reactivated"] == 2
    with session_factory() as s:
        assert reactivated(s, TODAY, TODAY) == 2
        assert reactivated(s, TODAY - timedelta(1), TODAY) == 2
        assert reactivated(s, TODAY + timedelta(1), TODAY + timedelta(9)) == 0
        assert reactivated(s, TODAY, TODAY, operator="ivo") == 0
        assert reactivated(s, TODAY, TODAY, client_type="restaurant") == 1


def _oil(s):  # type: ignore[no-untyped-def]
    from assistant.catalog.models import Product

    return s.scalars(select(Product)).first()
