"""A tiny month of desk work whose figures are known by construction (reports tests).

November 2026: ana works on the 10th, marko on the 11th; one more of everything happens
on 5 December, outside the period, and must never be counted. The expected figures
are written out below, next to the rows that make them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from assistant.auth.models import AuditEntry
from assistant.calls.models import Call, OfferMade
from assistant.feedback.models import FeedbackItem
from assistant.orders.models import Order, OrderLine
from assistant.outbound.models import CallbackAttempt, CallbackRequest, CallTask, TaskClient
from tests import factories as f

FROM, TO = date(2026, 11, 1), date(2026, 11, 30)
D1, D2, LATER = (datetime(2026, 11, 10), datetime(2026, 11, 11), datetime(2026, 12, 5))


def at(day: datetime, hour: int) -> datetime:
    return day.replace(hour=hour)


# Everyone, the whole of November.
EXPECTED = {
    "calls": 4,
    "orders": 2,
    "order_value": 150.5,
    "avg_order_value": 75.25,
    "avg_lines": 2.0,
    "offers": {
        "made": 4,
        "accepted": 2,
        "by_kind": {
            "addon": {"made": 1, "accepted": 0},
            "new": {"made": 1, "accepted": 1},
            "special": {"made": 1, "accepted": 0},
            "traditional": {"made": 1, "accepted": 1},
        },
    },
    "refused_for_debt": 2,
    "transfers": {"Credit blocked": 1, "Key client: to KAM": 1},
    "callbacks": {"received": 3, "answered_in_window": 1},
    "skipped_steps": {"R12": 2, "R14": 1},
    "reactivated": 2,
    "sleeping_called": 3,
    "feedback_open": {"Quality": 2, "Logistics": 1},
}
PER_DAY = [
    {"day": "2026-11-10", "operator": "ana", "calls": 2, "orders": 1, "order_value": 100.0},
    {"day": "2026-11-11", "operator": "marko", "calls": 2, "orders": 1, "order_value": 50.5},
]
SKIPPED_REASONS = [
    {"requirement": "R12", "reason": "client in a hurry", "count": 2},
    {"requirement": "R14", "reason": "no time", "count": 1},
]
# ana alone.
ANA = {
    "calls": 2,
    "orders": 1,
    "order_value": 100.0,
    "avg_lines": 3.0,
    "refused_for_debt": 1,
    "callbacks": {"received": 1, "answered_in_window": 1},
    "skipped_steps": {"R12": 2, "R14": 1},
    "transfers": {"Key client: to KAM": 1},
    "reactivated": 1,
    "feedback_open": {"Quality": 1},
}
# Marketers (M1, M2) alone.
MARKETERS = {
    "calls": 2,
    "orders": 1,
    "offers_made": 3,
    "refused_for_debt": 1,
    "callbacks": {"received": 1, "answered_in_window": 1},
    "transfers": {"Credit blocked": 1},
    "reactivated": 1,
    "sleeping_called": 2,
    "feedback_open": {"Quality": 1},
}


def build(s: Session) -> None:
    """The rows of the month (and of 5 December)."""
    f.columns(s)
    mgr = f.manager(s, "MGR")
    m1 = f.client(s, "M1", type="marketer", manager=mgr)
    m2 = f.client(s, "M2", type="marketer", manager=mgr)
    k1 = f.client(s, "K1", type="key", manager=mgr)
    p1, p2 = f.product(s, "P1"), f.product(s, "P2")
    quality, logistics = f.department(s, "quality"), f.department(s, "logistics")

    def call(op, client, when, *, skipped=None, offers=(), to=None, reason=None, outcome=None):
        row = Call(
            operator=op,
            client_id=client.id if client else None,
            started_at=when,
            skipped=skipped,
            transferred_to_id=to.id if to else None,
            transfer_reason=reason,
            outcome=outcome,
        )
        for product, kind, accepted in offers:
            row.offers.append(
                OfferMade(product_id=product.id, sku=product.sku, kind=kind, accepted=accepted)
            )
        s.add(row)

    hurry = {"R12": "client in a hurry"}
    call("ana", m1, at(D1, 9), skipped={**hurry, "R14": "no time"}, outcome="order_placed",
         offers=[(p1, "new", True), (p2, "addon", False)])  # fmt: skip
    call("ana", k1, at(D1, 14), skipped=hurry, offers=[(p1, "special", None)], to=mgr,
         reason="Key client: to KAM", outcome="transferred")  # fmt: skip
    call("marko", m1, at(D2, 8), offers=[(p2, "traditional", True)], to=mgr,
         reason="Credit blocked", outcome="transferred")  # fmt: skip
    call("marko", None, at(D2, 12), skipped={})
    call("ana", m1, at(LATER, 9), skipped=hurry, offers=[(p1, "new", True)], to=mgr,
         reason="Credit blocked")  # fmt: skip

    def order(op, client, when, total, lines):
        row = Order(idempotency_key=f"k-{op}-{when.isoformat()}", client_id=client.id,
                    operator=op, price_column="C", total=Decimal(total),
                    delivery_date=when.date(), created_at=when)  # fmt: skip
        for _line in range(lines):
            row.lines.append(OrderLine(product_id=p1.id, sku="P1", name="P1", qty=Decimal(1),
                                       unit_price=Decimal(1), line_total=Decimal(1)))  # fmt: skip
        s.add(row)

    order("ana", m1, at(D1, 10), "100.00", 3)
    order("marko", k1, at(D2, 11), "50.50", 1)
    order("ana", m1, at(LATER, 10), "999.00", 2)

    for actor, client, when, outcome in [
        ("ana", m1, at(D1, 11), "refused_debt"),
        ("marko", k1, at(D2, 11), "refused_debt"),
        ("ana", m1, at(LATER, 11), "refused_debt"),
        ("ana", m1, at(D1, 10), "ok"),
    ]:
        s.add(AuditEntry(at=when, actor=actor, action="order.place", object=client.code,
                         outcome=outcome, after={"reason": "debt"}))  # fmt: skip

    def callback(key, client, received, answered, operator):
        row = CallbackRequest(request_id=key, name="Caller", phone="+385911234567",
                              client_id=client.id if client else None,
                              window_from=at(received, 10), window_to=at(received, 12),
                              consent=True, received_at=at(received, 8),
                              answered_at=answered)  # fmt: skip
        if operator:
            row.tries.append(CallbackAttempt(operator=operator, outcome="answered", at=answered))
        s.add(row)

    callback("r1", m1, D1, at(D1, 11), "ana")
    callback("r2", None, D1, at(D1, 15), "marko")
    callback("r3", k1, D2, None, None)
    callback("r4", m1, LATER, at(LATER, 11), "ana")

    task = CallTask(title="Wake up", purpose="reactivate", created_by="boss")
    for client, sleeping, called, operator in [
        (m1, True, at(D1, 9), "ana"),  # the desk order at 10:00 that day
        (k1, True, at(D2, 9), "marko"),  # history on 30 November, 19 days later
        (m2, True, at(D2, 9), "marko"),  # history only 39 days later, and before the call
        (m1, False, at(D2, 9), "marko"),  # not a sleeper: not counted
        (m1, True, at(D2, 10), "marko"),  # M1 again, on the same task: one client still
    ]:
        # Every one reached ("done"): an unreachable call wakes nobody (outbound.reactivation).
        task.clients.append(TaskClient(client_id=client.id, was_sleeping=sleeping, status="done",
                                       called_at=called, operator=operator))  # fmt: skip
    s.add(task)
    f.history(s, k1, p1, order_no="HK1", day=date(2026, 11, 30))
    f.history(s, m2, p1, order_no="HM2a", day=date(2026, 12, 20))
    f.history(s, m2, p1, order_no="HM2b", day=date(2026, 11, 1))

    for dept, status, op, client, when in [
        (quality, "new", "ana", m1, D1),
        (quality, "in_progress", "marko", k1, D2),
        (logistics, "answered", "ana", m1, D1),
        (logistics, "new", "marko", None, D2),
        (quality, "new", "ana", m1, LATER),
    ]:
        s.add(FeedbackItem(department_id=dept.id, text="note", operator=op, status=status,
                           client_id=client.id if client else None, created_at=when))  # fmt: skip
    s.flush()
