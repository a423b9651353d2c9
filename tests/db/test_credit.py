"""The credit gate (R8-R10): overdue or excess debt blocks an order."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from assistant.credit.service import CreditService, assess
from tests import factories as f

DAY = date(2026, 11, 26)


def test_a_client_with_no_open_debt_may_order_R8() -> None:
    status = assess([], limit=Decimal(1000), as_of=DAY)
    assert not status.blocked
    assert status.headroom == 1000.0


def test_an_unpaid_document_past_its_due_date_blocks_the_order_R8() -> None:
    docs = [
        ("INV-2", Decimal("50.00"), DAY - timedelta(days=3)),
        ("INV-1", Decimal("20.00"), DAY - timedelta(days=40)),
        ("INV-3", Decimal("70.00"), DAY + timedelta(days=10)),
    ]
    status = assess(docs, limit=Decimal(1000), as_of=DAY)
    assert status.blocked
    assert status.overdue == 70.0
    assert status.balance == 140.0
    assert status.oldest_overdue is not None
    assert status.oldest_overdue.document == "INV-1"
    assert status.oldest_overdue.days_overdue == 40
    assert "INV-1" in status.reason and "€70.00 overdue" in status.reason


def test_a_document_due_today_is_not_yet_overdue_R8() -> None:
    status = assess([("INV-1", Decimal(10), DAY)], limit=None, as_of=DAY)
    assert not status.blocked
    assert status.overdue == 0.0


def test_an_open_balance_above_the_limit_blocks_the_order_R8() -> None:
    status = assess(
        [("INV-1", Decimal("1200.50"), DAY + timedelta(days=5))], limit=Decimal(1000), as_of=DAY
    )
    assert status.blocked
    assert "over the credit limit €1,000.00 by €200.50" in status.reason


def test_partly_paid_documents_count_only_what_is_still_open_R8(session_factory) -> None:
    with session_factory.begin() as s:
        c = f.client(s, "C1", credit_limit=Decimal(100))
        f.receivable(s, c, "A", "500", due=DAY - timedelta(days=1), paid="500")
        f.receivable(s, c, "B", "90", due=DAY + timedelta(days=1), paid="30")
    status = CreditService(session_factory=session_factory).check(
        client_id=c.id, limit=c.credit_limit, as_of=DAY
    )
    assert not status.blocked
    assert status.balance == 60.0
    assert status.headroom == 40.0
