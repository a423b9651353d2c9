"""Discounts on the live quote and the placed order: the same rules, the same cents (R15)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from assistant.auth.rights import Actor
from assistant.discounts.engine import DiscountBook
from assistant.discounts.models import DiscountRule
from assistant.orders.draft import DraftLine, OrderDraft
from tests import factories as f
from tests.conftest import TODAY


def _rule(code: str, percent: str, **over: Any) -> DiscountRule:
    return DiscountRule(code=code, title=f"Programme {code}", percent=Decimal(percent), **over)


@pytest.fixture
def shop(services) -> Any:
    """Marketer M1 (column C); spaghetti and penne (Pasta), oil (Oils); four programmes."""
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, credit_limit=Decimal(5000))
        f.product(s, "SPAG", category="Pasta", prices={"C": "1.19"})
        f.product(s, "PENNE", category="Pasta", prices={"C": "1.33"})
        f.product(s, "OIL", category="Oils", prices={"C": "9.99"})
        s.add_all([
            _rule("PASTA", "5", category="Pasta", min_qty=Decimal(10)),
            _rule("OIL6", "7.5", sku="OIL", min_qty=Decimal(6)),
            _rule("BIG", "2", min_order_value=Decimal("50")),
            _rule("KEYONLY", "20", client_types="key"),
            _rule("OVER", "30", valid_to=TODAY - timedelta(days=1)),
        ])  # fmt: skip
    return services


def _lines() -> list[DraftLine]:
    return [DraftLine("SPAG", Decimal(7)), DraftLine("PENNE", Decimal(3)),
            DraftLine("OIL", Decimal(6))]  # fmt: skip


def test_the_quote_and_the_placed_order_apply_the_same_rules_to_the_cent(shop) -> None:
    client = shop.directory.by_code("M1")
    quote = shop.quotes.quote(client=client, lines=_lines())
    draft = OrderDraft.from_json(
        {
            "client": "M1",
            "idempotency_key": "d1",
            "lines": [{"sku": li.sku, "qty": str(li.qty)} for li in _lines()],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Ana",
        }
    )
    placed = shop.placement.place(draft=draft, actor=f.acting("op1")).as_dict()

    # Pasta: 10 packs together -> 5 % (beats BIG's 2 %); oil: 6 -> 7.5 %; the expired
    # 30 % and the key clients' 20 % never apply to a marketer today.
    assert [(li.sku, li.list_price, li.discount_percent, li.unit_price) for li in quote.lines] == [
        ("SPAG", Decimal("1.19"), Decimal(5), Decimal("1.13")),
        ("PENNE", Decimal("1.33"), Decimal(5), Decimal("1.26")),
        ("OIL", Decimal("9.99"), Decimal("7.5"), Decimal("9.24")),
    ]
    assert quote.total == Decimal("67.13")  # 7.91 + 3.78 + 55.44
    assert placed["total"] == float(quote.total)
    assert [(li["list_price"], li["discount_percent"], li["unit_price"], li["line_total"])
            for li in placed["lines"]] == [
        (1.19, 5.0, 1.13, 7.91), (1.33, 5.0, 1.26, 3.78), (9.99, 7.5, 9.24, 55.44),
    ]  # fmt: skip
    assert (
        placed["discounts"]
        == [d.as_dict() for d in quote.discounts]
        == [
            {"code": "OIL6", "title": "Programme OIL6", "percent": 7.5, "amount": 4.5},
            {"code": "PASTA", "title": "Programme PASTA", "percent": 5.0, "amount": 0.63},
        ]
    )
    shown = shop.orders.get(placed["order_no"], actor=Actor.system())
    assert [li["discount_code"] for li in shown["lines"]] == ["PASTA", "PASTA", "OIL6"]


def test_below_every_threshold_the_order_is_at_column_prices(shop) -> None:
    quote = shop.quotes.in_column(
        column="C", lines=[DraftLine("SPAG", Decimal(9))], client_type="marketer", day=TODAY
    )
    assert quote.discounts == [] and quote.total == Decimal("10.71")
    assert quote.lines[0].discount_percent == 0 and quote.lines[0].unit_price == Decimal("1.19")


def test_the_book_offers_rules_by_type_and_date(shop) -> None:
    book = DiscountBook(session_factory=shop.sessions)
    assert [p.code for p in book.in_force(client_type="marketer", day=TODAY)] == [
        "BIG", "OIL6", "PASTA",
    ]  # fmt: skip
    assert "KEYONLY" in [p.code for p in book.in_force(client_type="key", day=TODAY)]
    earlier = TODAY - timedelta(days=1)
    assert "OVER" in [p.code for p in book.in_force(client_type="marketer", day=earlier)]
