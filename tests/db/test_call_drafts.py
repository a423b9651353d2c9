"""The open call's draft in SQL (calls/drafts.py): saved, reopened, never placed twice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.auth.rights import Actor, Forbidden
from assistant.calls.drafts import CallDrafts, fingerprint, restore, snapshot
from assistant.calls.models import CallDraft
from assistant.calls.service import CallLog
from assistant.calls.state import LiveCall, OrderDetails
from assistant.errors import DeskError
from assistant.orders.models import Order
from assistant.timeutil import utcnow
from tests import factories as f
from tests.conftest import TODAY

ANA, IVA = f.acting("ana"), f.acting("iva")
FORM = {"query": "M1", "receiver": "Ivo", "delivery_date": "2026-12-01", "documents": ["x"]}


def _call(log: CallLog, actor: Actor = ANA) -> LiveCall:
    call = LiveCall(operator=actor.name)
    call.call_id = log.start(actor=actor, phone="+38511112222", client_id=None)
    return call


@pytest.fixture
def drafts(session_factory) -> tuple[CallDrafts, CallLog]:
    return CallDrafts(session_factory=session_factory), CallLog(session_factory=session_factory)


def test_a_draft_is_saved_updated_in_place_and_reopened_as_it_was(drafts, session_factory) -> None:
    book, log = drafts
    call = _call(log)
    call.add("OIL", Decimal("12"))
    call.answered["SUGAR"] = False
    call.recorded.add(("SUGAR", "addon"))
    call.skipped["R12"] = "client in a hurry"
    book.save(call, FORM, actor=ANA)
    call.add("SUGAR", Decimal("1.5"))
    book.save(call, {**FORM, "receiver": "Marta"}, actor=ANA)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CallDraft)) == 1
    assert call.call_id is not None
    saved = book.load(call.call_id, actor=ANA)
    assert saved.call.lines == {"OIL": Decimal("12"), "SUGAR": Decimal("1.5")}
    assert saved.call.answered == {"SUGAR": False}
    assert saved.call.recorded == {("SUGAR", "addon")}
    assert saved.call.skipped == {"R12": "client in a hurry"}
    assert saved.call.order_key == call.order_key
    assert saved.form["receiver"] == "Marta" and saved.form["documents"] == ["x"]
    assert fingerprint(snapshot(saved.call, saved.form)) == fingerprint(snapshot(call, saved.form))


def test_another_operators_call_is_refused_with_a_clear_message(drafts) -> None:
    book, log = drafts
    call = _call(log)
    book.save(call, FORM, actor=ANA)
    assert call.call_id is not None
    with pytest.raises(DeskError, match="another operator's call"):
        book.load(call.call_id, actor=IVA)
    with pytest.raises(DeskError, match="no saved draft"):
        book.load(call.call_id + 1000, actor=ANA)


def test_the_latest_open_draft_is_the_operators_own_unclosed_recent_one(
    drafts, session_factory
) -> None:
    book, log = drafts
    assert book.latest_open(actor=ANA) is None
    older, newer, closed = _call(log), _call(log), _call(log)
    book.save(older, FORM, actor=ANA)
    book.save(newer, {**FORM, "query": "K1"}, actor=ANA)
    book.save(closed, FORM, actor=ANA)
    book.save(_call(log, IVA), FORM, actor=IVA)
    assert closed.call_id is not None
    log.finish(call_id=closed.call_id, outcome="info_given", actor=ANA)
    latest = book.latest_open(actor=ANA)
    assert latest is not None and latest.call_id == newer.call_id
    assert latest.form["query"] == "K1"
    later = utcnow() + timedelta(hours=13)  # a draft of yesterday is not offered
    assert book.latest_open(actor=ANA, now=later) is None


def test_a_trainee_outside_training_may_not_save_a_draft(drafts) -> None:
    book, log = drafts
    call = _call(log)
    with pytest.raises(Forbidden):
        book.save(call, FORM, actor=Actor.of("tina", ("trainee",)))


def test_the_snapshot_round_trips_a_placed_call() -> None:
    call = LiveCall(call_id=7, operator="ana", placed_order_no="N000001")
    call.placed_total, call.placed_delivery = Decimal("10.50"), TODAY
    back = restore(7, snapshot(call, {}))
    assert (back.placed_order_no, back.placed_total, back.placed_delivery) == (
        "N000001",
        Decimal("10.50"),
        TODAY,
    )


@pytest.fixture
def desk(services) -> Any:
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, phone="01 111 2222")
        f.product(s, "OIL", pack_size=Decimal(6), prices={"A": "10", "B": "9", "C": "8"})
    return services


def test_a_reopened_draft_places_with_its_key_so_never_twice(desk) -> None:
    """The process died after the order was placed but before the draft said so."""
    client = desk.directory.by_code("M1")
    call = LiveCall(operator="ana")
    card = desk.live.card(call, query="M1", purpose="order", client_id=client.id, actor=ANA)
    call.add("OIL", Decimal(12))
    desk.drafts.save(call, FORM, actor=ANA)  # the last save before the loss
    details = OrderDetails(
        delivery_date=TODAY + timedelta(days=1),
        window="08-12",
        receiver="Receiver of M1",
        payment="cash on delivery",
        documents=["invoice"],
        pickup_at=None,
        ship_to=None,
        notes=None,
    )
    first = desk.live.place(call, card, details, None, {"R12": "hurry"}, actor=ANA)
    assert first is not None
    reopened = desk.drafts.load(call.call_id, actor=ANA).call
    assert reopened.placed_order_no is None  # the save after placing never happened
    again = desk.live.place(reopened, card, details, None, {"R12": "hurry"}, actor=ANA)
    assert again is not None and again.order_no == first.order_no
    assert reopened.placed_order_no == first.order_no
    desk.drafts.save(reopened, FORM, actor=ANA)
    with desk.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1
        row = s.scalar(select(CallDraft))
        assert row is not None and row.order_id is not None
    assert desk.drafts.latest_open(actor=ANA) is None  # placed: nothing to offer
