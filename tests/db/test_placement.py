"""Order placement (R8, R14, R16-R18): every check, one transaction, idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order, OrderLine
from tests import factories as f
from tests.conftest import TODAY


@pytest.fixture
def shop(services) -> Any:
    """A marketer M1 (column C), a key client K1, a debtor D1, a regional R1; three products."""
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        kam = f.manager(s, "KAM", role="kam")
        f.manager(s, "FIN", role="finance", dept="finance")
        f.client(s, "M1", type="marketer", manager=mgr, credit_limit=Decimal(1000))
        f.client(s, "K1", type="key", manager=kam)
        debtor = f.client(s, "D1", type="marketer", manager=mgr)
        f.receivable(s, debtor, "INV-9", "300", due=TODAY - timedelta(days=15))
        f.client(s, "R1", type="regional", manager=mgr, regional=True)
        f.product(s, "OIL", prices={"A": "10.00", "B": "9.50", "C": "9.00", "D": "8.50"})
        f.product(
            s,
            "FLOUR",
            pack_size=Decimal(10),
            unit="kg",
            stock=Decimal(100),
            prices={"A": "1.00", "B": "0.90", "C": "0.80"},
        )
        f.product(s, "OLD", active=False, prices={"C": "5.00"})
    return services


def _draft(client: str = "M1", key: str = "k1", **over: Any) -> OrderDraft:
    data: dict[str, Any] = {
        "client": client,
        "idempotency_key": key,
        "lines": [{"sku": "OIL", "qty": 3}, {"sku": "FLOUR", "qty": 20}],
        "delivery": {"date": (TODAY + timedelta(days=1)).isoformat(), "window": "08-12"},
        "receiver": "Ana",
        "payment": "invoice",
        "documents": ["invoice", "delivery note"],
    }
    data.update(over)
    return OrderDraft.from_json(data)


def _count(services, model) -> int:
    with services.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_an_order_is_priced_from_the_clients_column_and_written_whole_R14(shop) -> None:
    placed = shop.placement.place(draft=_draft(), actor=f.acting("op1"))
    assert placed.price_column == "C"
    assert placed.total == Decimal("43.00")  # 3 x 9.00 + 20 x 0.80
    assert [(li["sku"], li["unit_price"]) for li in placed.lines] == [("OIL", 9.0), ("FLOUR", 0.8)]
    detail = shop.orders.get(placed.order_no, actor=Actor.system())
    assert detail["status"] == "placed" and detail["operator"] == "op1"
    assert detail["documents"] == ["invoice", "delivery note"]
    assert _count(shop, OrderLine) == 2


def test_the_same_idempotency_key_never_makes_a_second_order(shop) -> None:
    first = shop.placement.place(draft=_draft(), actor=f.acting("op1"))
    again = shop.placement.place(draft=_draft(), actor=f.acting("op1"))
    assert again.order_no == first.order_no and again.duplicate
    assert _count(shop, Order) == 1


def test_a_key_reused_for_another_client_is_refused(shop) -> None:
    shop.placement.place(draft=_draft(), actor=f.acting("op1"))
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(client="R1"), actor=f.acting("op1"))
    assert err.value.code == "idempotency_conflict"


def test_a_client_with_overdue_debt_gets_no_order_R8(shop) -> None:
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(client="D1"), actor=f.acting("op1"))
    assert err.value.code == "credit_blocked"
    assert "INV-9" in err.value.message and "Person MGR" in err.value.message
    assert _count(shop, Order) == 0


def test_an_order_above_the_credit_headroom_is_refused_R10(shop) -> None:
    draft = _draft(lines=[{"sku": "OIL", "qty": 200}])
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=draft, actor=f.acting("op1"))
    assert err.value.code == "credit_limit_exceeded"
    assert "1,800.00" in err.value.message and "1,000.00" in err.value.message


def test_a_key_client_must_be_transferred_unless_the_override_is_explained_R4(shop) -> None:
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(client="K1"), actor=f.acting("op1"))
    assert err.value.code == "must_transfer"
    overridden = OrderDraft.from_json(
        {
            "client": "K1",
            "idempotency_key": "k-override",
            "lines": [{"sku": "OIL", "qty": 1}],
            "delivery": {"date": (TODAY + timedelta(days=2)).isoformat()},
            "receiver": "Ana",
        },
        override_route_reason="KAM asked us to take it",
    )
    placed = shop.placement.place(draft=overridden, actor=f.acting("op1"))
    assert placed.price_column == "D"
    assert (
        shop.orders.get(placed.order_no, actor=Actor.system())["route_override_reason"]
        == "KAM asked us to take it"
    )


def test_every_problem_of_the_lines_is_reported_and_nothing_is_written_R16(shop) -> None:
    draft = _draft(
        lines=[
            {"sku": "NOPE", "qty": 1},
            {"sku": "OLD", "qty": 1},
            {"sku": "FLOUR", "qty": 15},
            {"sku": "OIL", "qty": 0},
        ]
    )
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=draft, actor=f.acting("op1"))
    codes = [p.code for p in err.value.problems]
    assert codes == ["unknown_sku", "unknown_sku", "bad_quantity", "bad_quantity"]
    flour = err.value.problems[2].message
    assert "packs of 10 kg" in flour and "Use 10 or 20" in flour
    assert _count(shop, Order) == 0


def test_more_than_the_stock_is_refused(shop) -> None:
    with pytest.raises(DeskError) as err:
        shop.placement.place(
            draft=_draft(lines=[{"sku": "FLOUR", "qty": 110}]), actor=f.acting("op1")
        )
    assert err.value.code == "insufficient_stock"


def test_a_delivery_date_in_the_past_is_refused_R16(shop) -> None:
    past = {"date": (TODAY - timedelta(days=1)).isoformat()}
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(delivery=past), actor=f.acting("op1"))
    assert err.value.code == "invalid_delivery" and "in the past" in err.value.message


def test_a_regional_client_must_give_pickup_time_or_shipping_details_R17(shop) -> None:
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(client="R1"), actor=f.acting("op1"))
    assert err.value.code == "invalid_delivery" and "R17" in err.value.message
    pickup = (TODAY + timedelta(days=3)).isoformat() + "T10:00"
    placed = shop.placement.place(
        draft=_draft(client="R1", key="k2", regional={"pickup_at": pickup}), actor=f.acting("op1")
    )
    assert shop.orders.get(placed.order_no, actor=Actor.system())["pickup_at"].startswith(
        pickup[:10]
    )


def test_an_unknown_client_is_refused_with_what_to_do(shop) -> None:
    with pytest.raises(DeskError) as err:
        shop.placement.place(draft=_draft(client="ZZZ"), actor=f.acting("op1"))
    assert err.value.code == "unknown_client" and "Look the caller up" in err.value.message


def test_a_malformed_order_file_lists_every_problem() -> None:
    with pytest.raises(DeskError) as err:
        OrderDraft.from_json({"lines": [{"sku": "A", "qty": "x"}], "delivery": {"date": "31.12."}})
    fields = [p.field for p in err.value.problems]
    assert fields == ["client", "idempotency_key", "lines[1]", "delivery.date"]


def test_heads_move_an_order_forward_but_never_back_R18(shop) -> None:
    placed = shop.placement.place(draft=_draft(), actor=f.acting("op1"))
    moved = shop.orders.advance(order_no=placed.order_no, to_status=None, actor=f.acting("head1"))
    assert moved["status"] == "accepted"
    assert moved["history"][0]["by"] == "head1"
    with pytest.raises(DeskError, match="can move on to picking"):
        shop.orders.advance(order_no=placed.order_no, to_status="placed", actor=f.acting("head1"))
    assert [o["order_no"] for o in shop.orders.list(actor=Actor.system())] == [placed.order_no]
