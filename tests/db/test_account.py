"""A client's account: order history grouped by order, open debts with overdue marked."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from assistant.orders.account import ClientAccount
from assistant.orders.models import Order
from tests import factories as f

DAY = date(2026, 11, 26)


def _order(client_id: int, key: str, status: str = "placed") -> Order:
    return Order(
        idempotency_key=key,
        client_id=client_id,
        operator="ana",
        status=status,
        price_column="A",
        total=Decimal("12.50"),
        delivery_date=DAY + timedelta(days=1),
    )


def test_history_groups_lines_by_order_newest_first_with_totals(session_factory) -> None:
    with session_factory.begin() as s:
        f.columns(s)
        c = f.client(s, "C1")
        other = f.client(s, "C2")
        oil, salt = f.product(s, "OIL"), f.product(s, "SALT")
        f.history(s, c, oil, order_no="A-1", day=DAY - timedelta(days=30), qty=2)
        f.history(s, c, salt, order_no="A-1", day=DAY - timedelta(days=30), qty=3)
        f.history(s, c, oil, order_no="A-2", day=DAY - timedelta(days=2), qty=1)
        f.history(s, other, oil, order_no="B-1", day=DAY, qty=9)
    history = ClientAccount(session_factory=session_factory).history(client_id=c.id)
    assert [(o.order_no, o.order_date, o.lines_count, o.total) for o in history.past] == [
        ("A-2", DAY - timedelta(days=2), 1, 1.0),
        ("A-1", DAY - timedelta(days=30), 2, 5.0),  # factories price every line at 1.0
    ]
    assert history.desk == [] and not history.empty


def test_history_keeps_only_the_most_recent_orders(session_factory) -> None:
    with session_factory.begin() as s:
        f.columns(s)
        c = f.client(s, "C1")
        oil = f.product(s, "OIL")
        for n in range(5):
            f.history(s, c, oil, order_no=f"A-{n}", day=DAY - timedelta(days=10 - n))
    history = ClientAccount(session_factory=session_factory).history(client_id=c.id, limit=2)
    assert [o.order_no for o in history.past] == ["A-4", "A-3"]


def test_desk_orders_come_newest_first_with_status_and_line_count(session_factory) -> None:
    with session_factory.begin() as s:
        f.columns(s)
        c = f.client(s, "C1")
        s.add_all([_order(c.id, "k1", "delivered"), _order(c.id, "k2")])
    history = ClientAccount(session_factory=session_factory).history(client_id=c.id)
    assert [(o.status, o.lines_count, o.total) for o in history.desk] == [
        ("placed", 0, 12.5),
        ("delivered", 0, 12.5),
    ]
    assert history.desk[0].order_no.startswith("OD-")


def test_a_client_that_never_ordered_has_an_empty_history(session_factory) -> None:
    with session_factory.begin() as s:
        c = f.client(s, "C1")
    assert ClientAccount(session_factory=session_factory).history(client_id=c.id).empty


def test_debts_list_open_documents_oldest_due_first_and_mark_the_overdue(session_factory) -> None:
    with session_factory.begin() as s:
        c = f.client(s, "C1")
        f.receivable(s, c, "PAID", "100", due=DAY - timedelta(days=90), paid="100")
        f.receivable(s, c, "LATE", "300", due=DAY - timedelta(days=12), paid="100.10")
        f.receivable(s, c, "TODAY", "40", due=DAY)
        f.receivable(s, c, "SOON", "60", due=DAY + timedelta(days=5))
    debts = ClientAccount(session_factory=session_factory).debts(client_id=c.id, as_of=DAY)
    assert [(d.document, d.open_amount, d.days_overdue, d.overdue) for d in debts.documents] == [
        ("LATE", 199.9, 12, True),
        ("TODAY", 40.0, 0, False),  # due today is not yet overdue, as in the credit gate
        ("SOON", 60.0, 0, False),
    ]
    assert debts.open_total == 299.9
    assert debts.overdue_total == 199.9 and debts.overdue_count == 1


def test_a_client_that_owes_nothing_has_no_debts(session_factory) -> None:
    with session_factory.begin() as s:
        c = f.client(s, "C1")
    debts = ClientAccount(session_factory=session_factory).debts(client_id=c.id, as_of=DAY)
    assert debts.documents == [] and debts.open_total == 0.0 and debts.overdue_count == 0
