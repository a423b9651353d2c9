"""The call log's filters and figures (R1, R26) on both backends."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from assistant.auth.rights import Actor
from assistant.calls.models import Call
from assistant.calls.service import CallFilter, CallLog
from tests import factories as f

OPERATOR = Actor.of("ana", ["operator"])


def _call(log: CallLog, sessions: Any, at: datetime, **fields: Any) -> int:
    call_id = log.start(actor=f.acting("ana"), phone=None, client_id=None, **fields)
    with sessions.begin() as s:
        s.get(Call, call_id).started_at = at
    return call_id


def test_a_day_range_takes_whole_days_first_and_last_included(session_factory) -> None:
    log = CallLog(session_factory=session_factory)
    before = _call(log, session_factory, datetime(2026, 11, 9, 23, 59))
    first = _call(log, session_factory, datetime(2026, 11, 10, 0, 0))
    last = _call(log, session_factory, datetime(2026, 11, 12, 23, 59, 59))
    _call(log, session_factory, datetime(2026, 11, 13, 0, 0))
    where = CallFilter(date_from=date(2026, 11, 10), date_to=date(2026, 11, 12))
    assert [c["id"] for c in log.list(where=where, actor=Actor.system())] == [last, first]
    assert log.counts(actor=OPERATOR, where=where).calls == 2
    assert [
        c["id"] for c in log.list(where=CallFilter(date_to=date(2026, 11, 9)), actor=Actor.system())
    ] == [before]


def test_counts_cover_offers_answers_orders_and_transfers(session_factory) -> None:
    with session_factory.begin() as s:
        f.manager(s, "MGR")
        f.product(s, "OIL")
        f.product(s, "SALT")
    log = CallLog(session_factory=session_factory)
    sold = log.start(actor=f.acting("ana"), phone=None, client_id=None)
    log.record_offers(call_id=sold, offers=[("OIL", "new"), ("SALT", "addon")], actor=f.acting())
    log.answer_offer(call_id=sold, sku="OIL", accepted=True, actor=f.acting())
    log.answer_offer(call_id=sold, sku="SALT", accepted=False, actor=f.acting())
    log.finish(call_id=sold, outcome="order_placed", actor=f.acting())
    moved = log.start(actor=f.acting("ivo"), phone=None, client_id=None, purpose="complaint")
    log.finish(call_id=moved, outcome="transferred", transferred_to="MGR", actor=f.acting())
    counts = log.counts(actor=OPERATOR)
    assert (counts.calls, counts.orders_placed, counts.transfers) == (2, 1, 1)
    assert (counts.offers_made, counts.offers_accepted, counts.offers_declined) == (2, 1, 1)
    assert log.counts(actor=OPERATOR, where=CallFilter(purpose="complaint")).offers_made == 0
    assert log.operators() == ("ana", "ivo")
