"""Feedback routing (R20): a comment noted in a call goes to its department's queue, is
answered there, and the answer is on the client's card at its next call until told."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth.models import AuditEntry
from assistant.auth.rights import Actor, Forbidden
from assistant.calls.models import Call
from assistant.clients.models import Department
from assistant.feedback.departments import STANDARD
from assistant.feedback.items import FeedbackNote
from assistant.feedback.models import FeedbackItem
from assistant.reports.outbound_figures import feedback_open
from assistant.reports.period import ReportFilter
from tests import factories as f

ANA = Actor.of("ana", ["operator"])
BOSS = Actor.of("boss", ["head"])


@pytest.fixture
def desk(services: Any) -> Any:
    """Client M1 and the five standard departments (the tests wipe what migration made)."""
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        for code in STANDARD:
            f.department(s, code)
    return services


def _client_id(desk: Any, code: str = "M1") -> int:
    return int(desk.directory.find(code)[0].client_id)


def _call_with_comment(desk: Any, department: str, text: str) -> int:
    call_id = desk.calls.start(actor=ANA, phone=None, client_id=_client_id(desk))
    desk.calls.finish(
        call_id=call_id,
        outcome="complaint",
        notes=text,
        actor=ANA,
        feedback=FeedbackNote(department=department, text=text),
    )
    return int(call_id)


def test_a_comment_noted_in_a_call_reaches_its_departments_queue(desk: Any) -> None:
    call_id = _call_with_comment(desk, "quality", "The olive oil smelled rancid.")
    _call_with_comment(desk, "logistics", "The van came two hours late.")
    queue = desk.feedback.queue(actor=BOSS, department="quality")
    assert [(i.call_id, i.text, i.status, i.operator, i.client_code) for i in queue] == [
        (call_id, "The olive oil smelled rancid.", "new", "ana", "M1")
    ]
    assert queue[0].department_label == "quality"
    assert {i.department for i in desk.feedback.queue(actor=BOSS, status="open")} == {
        "quality",
        "logistics",
    }
    with desk.sessions() as s:
        assert s.get(Call, call_id).notes == "The olive oil smelled rancid."  # no "For ...:"
        assert ("ana", "call.record", f"feedback {queue[0].id}", "ok") in s.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.object, AuditEntry.outcome)
        ).all()


def test_an_unknown_department_is_refused_naming_the_known_and_the_call_stays_open(
    desk: Any,
) -> None:
    call_id = desk.calls.start(actor=ANA, phone=None, client_id=_client_id(desk))
    with pytest.raises(Exception, match="no department 'bakery'; use one of: ") as refused:
        desk.calls.finish(
            call_id=call_id,
            outcome="no_order",
            actor=ANA,
            feedback=FeedbackNote(department="bakery", text="Wants rye bread."),
        )
    assert "finance, logistics, marketing, purchasing, quality" in str(refused.value)
    with desk.sessions() as s:  # one transaction: the call is not closed without its item
        assert s.get(Call, call_id).outcome is None
        assert s.scalars(select(FeedbackItem)).all() == []


def test_a_department_the_company_adds_takes_feedback_too(desk: Any) -> None:
    with desk.sessions.begin() as s:
        f.department(s, "bakery")
    item_id = desk.feedback.note(
        FeedbackNote("bakery", "Wants rye bread."), actor=ANA, client_id=_client_id(desk)
    )
    [item] = desk.feedback.queue(actor=BOSS, department="bakery")
    assert (item.id, item.department_label) == (item_id, "Bakery")


def test_status_moves_new_in_progress_answered_and_an_answer_is_required(desk: Any) -> None:
    _call_with_comment(desk, "quality", "Rancid oil.")
    [item] = desk.feedback.queue(actor=BOSS)
    assert desk.feedback.start(item.id, actor=BOSS).status == "in_progress"
    with pytest.raises(Exception, match="only a new item is taken on"):
        desk.feedback.start(item.id, actor=BOSS)
    with pytest.raises(Exception, match="Write the answer first"):
        desk.feedback.answer(item.id, text="   ", actor=BOSS)
    with pytest.raises(Exception, match="NUL character"):
        desk.feedback.answer(item.id, text="a\x00b", actor=BOSS)
    answered = desk.feedback.answer(
        item.id, text="  Batch 42 withdrawn; credit note sent. ", actor=BOSS
    )
    assert (answered.status, answered.answer, answered.answered_by) == (
        "answered",
        "Batch 42 withdrawn; credit note sent.",
        "boss",
    )
    with pytest.raises(Exception, match="answered already"):
        desk.feedback.answer(item.id, text="Again", actor=BOSS)
    assert [i.id for i in desk.feedback.queue(actor=BOSS, status="answered")] == [item.id]
    assert desk.feedback.queue(actor=BOSS, status="open") == []
    with pytest.raises(Exception, match="Unknown status 'done'"):
        desk.feedback.queue(actor=BOSS, status="done")


def test_an_operator_may_note_but_not_read_or_answer_the_queue(desk: Any) -> None:
    _call_with_comment(desk, "quality", "Rancid oil.")
    with pytest.raises(Forbidden, match="head of sales or admin"):
        desk.feedback.queue(actor=ANA)
    [item] = desk.feedback.queue(actor=Actor.of("root", ["admin"]))
    with pytest.raises(Forbidden):
        desk.feedback.answer(item.id, text="ok", actor=ANA)


def test_the_answer_is_on_the_clients_next_card_until_the_operator_told_it(desk: Any) -> None:
    _call_with_comment(desk, "quality", "Rancid oil.")
    [item] = desk.feedback.queue(actor=BOSS)
    card = desk.cards.card_of(client_id=_client_id(desk), actor=ANA, with_offers=False)
    assert card.feedback == ()  # not answered yet: nothing to tell
    desk.feedback.answer(item.id, text="Batch 42 withdrawn.", actor=BOSS)
    card = desk.cards.card_of(client_id=_client_id(desk), actor=ANA, with_offers=False)
    assert [(a.department, a.text, a.answer) for a in card.feedback] == [
        ("quality", "Rancid oil.", "Batch 42 withdrawn.")
    ]
    assert card.as_dict()["feedback_answers"][0]["answer"] == "Batch 42 withdrawn."
    again = desk.cards.card_of(client_id=_client_id(desk), actor=ANA, with_offers=False)
    assert len(again.feedback) == 1  # shown is not told: a call cut short loses nothing
    desk.feedback.mark_told(item.id, actor=ANA)
    desk.feedback.mark_told(item.id, actor=ANA)  # a second click changes nothing
    assert (
        desk.cards.card_of(client_id=_client_id(desk), actor=ANA, with_offers=False).feedback == ()
    )
    assert desk.feedback.get(item.id, actor=BOSS).answer_shown_at is not None


def test_open_items_by_department_are_counted_in_sql(desk: Any) -> None:
    _call_with_comment(desk, "quality", "Rancid oil.")
    _call_with_comment(desk, "quality", "Broken jars.")
    _call_with_comment(desk, "marketing", "Wants the new catalogue.")
    done = _call_with_comment(desk, "logistics", "Late van.")
    [late] = [i for i in desk.feedback.queue(actor=BOSS) if i.call_id == done]
    desk.feedback.answer(late.id, text="New route from Monday.", actor=BOSS)
    days = {"date_from": date(2000, 1, 1), "date_to": date(2099, 12, 31)}
    with desk.sessions() as s:
        # The report names departments as the head reads them.
        names = {code: name for code, name in s.execute(select(Department.code, Department.name))}
        assert feedback_open(s, ReportFilter(**days)) == {
            names["quality"]: 2,
            names["marketing"]: 1,
        }
        assert feedback_open(s, ReportFilter(**days, operator="someone else")) == {}
        assert feedback_open(s, ReportFilter(**days, operator="ana", client_type="marketer")) == {
            names["quality"]: 2,
            names["marketing"]: 1,
        }
        assert feedback_open(s, ReportFilter(**days, client_type="key")) == {}
        assert feedback_open(s, ReportFilter(date(2100, 1, 1), date(2100, 1, 2))) == {}
