"""Routing of calls (R3-R7, R9): who takes the call, with a reason to read aloud."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from assistant.clients.routing import Router
from assistant.orders.models import Order
from assistant.orders.queries import OrderBook
from assistant.rules import load_rules
from tests import factories as f


def _router(session_factory: sessionmaker[Session]) -> Router:
    orders = OrderBook(session_factory=session_factory)
    return Router(
        session_factory=session_factory,
        rules=load_rules().routing,
        has_ordered=orders.has_ordered,
    )


def _staff(s: Session, *, kam_available: bool = False, other_kam: bool = True) -> dict:
    return {
        "kam": f.manager(s, "KAM1", role="kam", available=kam_available),
        "kam2": f.manager(s, "KAM2", role="kam", available=other_kam),
        "head": f.manager(s, "HW", role="head", dept="wholesale"),
        "head_retail": f.manager(s, "HR", role="head", dept="retail"),
        "mgr": f.manager(s, "M1"),
        "absent": f.manager(s, "M2", available=False),
        "fin": f.manager(s, "F1", role="finance", dept="finance"),
    }


def test_an_ordinary_client_ordering_is_served_by_the_operator_R3(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s)
        c = f.client(s, "C1", type="marketer", manager=staff["mgr"])
    decision = _router(session_factory).route(client=c, purpose="order")
    assert decision.action == "take_order"
    assert decision.to is None
    assert "Market trader" in decision.reason


def test_a_key_client_goes_to_its_own_kam_when_present_R4(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s, kam_available=True)
        c = f.client(s, "K1", type="key", manager=staff["kam"])
    decision = _router(session_factory).route(client=c, purpose="order")
    assert decision.action == "transfer"
    assert decision.to is not None and decision.to.code == "KAM1"


def test_a_key_client_whose_kam_is_absent_goes_to_another_kam_R4(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s, kam_available=False)
        c = f.client(s, "K1", type="key", manager=staff["kam"])
    decision = _router(session_factory).route(client=c, purpose="order")
    assert decision.to is not None and decision.to.code == "KAM2"
    assert "Person KAM1 (key account manager) is absent" in decision.reason


def test_a_key_client_with_no_kam_available_goes_to_the_head_of_wholesale_R4(
    session_factory,
) -> None:
    with session_factory.begin() as s:
        staff = _staff(s, kam_available=False, other_kam=False)
        c = f.client(s, "K1", type="key", manager=staff["kam"])
    decision = _router(session_factory).route(client=c, purpose="info")
    assert decision.to is not None and decision.to.code == "HW"
    assert decision.to.role == "head"


def test_an_unknown_caller_goes_to_the_head_of_the_department_R5(session_factory) -> None:
    with session_factory.begin() as s:
        _staff(s)
    decision = _router(session_factory).route(client=None, purpose="order")
    assert decision.action == "transfer"
    assert decision.to is not None and decision.to.code == "HW"
    assert "assigned a manager" in decision.reason


def test_a_client_without_manager_or_orders_counts_as_new_R5(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s)
        fresh = f.client(s, "N1", type="retail")
        known = f.client(s, "N2", type="retail")
        f.columns(s)
        p = f.product(s, "P1")
        f.history(s, known, p, order_no="H1", day=f.days(-10, since=f.date.today()))
        managed = f.client(s, "N3", type="retail", manager=staff["mgr"])
    router = _router(session_factory)
    assert router.is_new(fresh) is True
    assert router.is_new(known) is False
    assert router.is_new(managed) is False
    decision = router.route(client=fresh, purpose="order", is_new=True)
    # A retail client's relevant department is retail: its head takes new clients.
    assert decision.to is not None and decision.to.code == "HR"


def test_a_complaint_goes_to_the_clients_manager_R6(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s)
        c = f.client(s, "C1", type="marketer", manager=staff["mgr"])
    decision = _router(session_factory).route(client=c, purpose="complaint")
    assert decision.to is not None and decision.to.code == "M1"


def test_a_complaint_whose_manager_is_absent_goes_to_the_head_of_its_department_R6(
    session_factory,
) -> None:
    with session_factory.begin() as s:
        staff = _staff(s)
        c = f.client(s, "C1", type="retail", manager=staff["absent"])
    decision = _router(session_factory).route(client=c, purpose="other")
    assert decision.to is not None and decision.to.code == "HR"
    assert "Person M2" in decision.reason and "absent" in decision.reason


def test_a_debtor_goes_to_its_manager_or_else_to_finance_R9(session_factory) -> None:
    with session_factory.begin() as s:
        staff = _staff(s)
        present = f.client(s, "C1", manager=staff["mgr"])
        away = f.client(s, "C2", manager=staff["absent"])
    router = _router(session_factory)
    first = router.route(client=present, purpose="order", credit_blocked=True)
    second = router.route(client=away, purpose="order", credit_blocked=True)
    assert first.to is not None and first.to.code == "M1"
    assert second.to is not None and second.to.code == "F1"


def test_when_nobody_is_available_the_operator_takes_a_message_R7(session_factory) -> None:
    with session_factory.begin() as s:
        kam = f.manager(s, "KAM1", role="kam", available=False)
        f.manager(s, "HW", role="head", available=False)
        c = f.client(s, "K1", type="key", manager=kam)
    decision = _router(session_factory).route(client=c, purpose="order")
    assert decision.to is not None and decision.to.code == "HW"
    assert decision.to.available is False
    assert "take a message" in decision.reason


def test_a_client_with_only_a_desk_order_is_not_new_R5(session_factory) -> None:
    with session_factory.begin() as s:
        _staff(s)
        ordered = f.client(s, "N4", type="retail")
        s.add(
            Order(
                idempotency_key="k-1",
                client_id=ordered.id,
                operator="ana",
                price_column="A",
                total=Decimal(1),
                delivery_date=f.date.today(),
            )
        )
    assert _router(session_factory).is_new(ordered) is False
