"""The live call's use cases (calls/live.py) on a real database, checked in the call log."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.calls.models import Call, OfferMade
from assistant.calls.state import LiveCall, OrderDetails
from assistant.errors import DeskError
from assistant.orders.models import Order
from tests import factories as f
from tests.conftest import TODAY


@pytest.fixture
def desk(services) -> Any:
    """Marketer M1 buys oil every week; key client K1; oil comes in packs of 6."""
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.manager(s, "KAM", role="kam")
        m1 = f.client(s, "M1", type="marketer", manager=mgr, phone="01 111 2222")
        f.client(s, "K1", type="key", manager=mgr)
        oil = f.product(s, "OIL", pack_size=Decimal(6), prices={"A": "10", "B": "9", "C": "8"})
        f.product(s, "SUGAR", prices={"A": "1", "B": "0.9", "C": "0.8"})
        for week in range(3):
            day = TODAY - timedelta(days=7 * (week + 1))
            f.history(s, m1, oil, order_no=f"H{week}", day=day, qty=7)
    services.offers.preload()
    return services


def _client_id(desk: Any, code: str) -> int:
    client = desk.directory.by_code(code)
    assert client is not None
    return int(client.id)


def _details() -> OrderDetails:
    return OrderDetails(
        delivery_date=TODAY + timedelta(days=1),
        window="08-12",
        receiver="Receiver of M1",
        payment="cash on delivery",
        documents=["invoice"],
        pickup_at=None,
        ship_to=None,
        notes=None,
    )


def _calls(desk: Any) -> list[Call]:
    with desk.sessions() as s:
        return list(s.scalars(select(Call)))


def _offers(desk: Any) -> dict[str, tuple[str, bool | None]]:
    with desk.sessions() as s:
        return {o.sku: (o.kind, o.accepted) for o in s.scalars(select(OfferMade))}


def test_the_first_card_registers_the_call_and_each_offer_shown_with_its_kind(desk) -> None:
    call = LiveCall()
    m1 = _client_id(desk, "M1")
    card = desk.live.card(
        call, query="01 111 2222", purpose="order", client_id=m1, actor=f.acting()
    )
    assert card.client is not None and card.client.code == "M1"
    offers = desk.live.offers(call, card, actor=f.acting())
    desk.live.card(call, query="01 111 2222", purpose="order", client_id=m1, actor=f.acting())
    desk.live.offers(call, card, actor=f.acting())
    (logged,) = _calls(desk)
    assert logged.id == call.call_id and logged.phone == "+38511112222"
    assert offers is not None
    shown = {item.sku: item.kind for item in offers.addons + offers.traditional}
    assert _offers(desk) == {sku: (kind, None) for sku, kind in shown.items()}
    assert _offers(desk)["OIL"] == ("traditional", None)


def test_picking_another_match_relinks_the_same_call(desk) -> None:
    call = LiveCall()
    desk.live.card(
        call, query="Client", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    desk.live.card(
        call, query="Client", purpose="order", client_id=_client_id(desk, "K1"), actor=f.acting()
    )
    (logged,) = _calls(desk)
    assert logged.client_id == _client_id(desk, "K1") == call.client_id


def test_the_card_does_not_wait_for_the_offers_model(desk) -> None:
    desk.offers.invalidate()
    call = LiveCall()
    card = desk.live.card(
        call, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    assert card.column is not None and card.route.takes_order
    assert desk.live.offers(call, card, actor=f.acting()) is None
    assert _offers(desk) == {}
    desk.offers.preload()
    assert desk.live.offers(call, card, actor=f.acting()) is not None and "OIL" in _offers(desk)


def test_an_offer_taken_goes_on_the_order_in_whole_packs_of_the_usual_quantity(desk) -> None:
    call = LiveCall()
    card = desk.live.card(
        call, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    offers = desk.live.offers(call, card, actor=f.acting())
    assert offers is not None
    (oil,) = [item for item in offers.traditional if item.sku == "OIL"]
    desk.live.take_offer(call, oil, actor=f.acting())
    assert call.lines == {"OIL": Decimal(12)}  # usually 7, in packs of 6
    assert call.answered == {"OIL": True} and _offers(desk)["OIL"] == ("traditional", True)
    call.placed_order_no = "D-1"
    with pytest.raises(DeskError, match="order is placed"):
        desk.live.take_offer(call, oil, actor=f.acting())


def test_a_refused_order_keeps_the_call_open_with_each_problem(desk) -> None:
    call = LiveCall()
    card = desk.live.card(
        call, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    call.add("OIL", Decimal(7))
    assert desk.live.place(call, card, _details(), None, actor=f.acting()) is None
    assert "packs of 6" in call.problems["lines[OIL]"]
    assert call.placed_order_no is None and call.closed_outcome is None
    (logged,) = _calls(desk)
    assert logged.outcome is None


def test_a_placed_order_wraps_the_call_up_and_counts_its_offers_as_accepted(desk) -> None:
    call = LiveCall()
    card = desk.live.card(
        call, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    desk.live.offers(call, card, actor=f.acting())
    call.add("OIL", Decimal(12))
    call.add("SUGAR", Decimal(3))
    quote = desk.live.quote(call, card)
    assert quote.column == "C" and quote.total == Decimal("98.40")
    placed = desk.live.place(call, card, _details(), None, actor=f.acting())
    assert placed is not None and call.placed_order_no == placed.order_no
    assert call.closed_outcome == f"order {placed.order_no} placed"
    (logged,) = _calls(desk)
    assert logged.outcome == "order_placed" and logged.ended_at is not None
    assert _offers(desk)["OIL"] == ("traditional", True)
    with desk.sessions() as s:
        order = s.scalars(select(Order)).one()
    assert order.call_id == call.call_id and order.total == Decimal("98.40")
    # A stale outcome button clicked after placing never overwrites the call's outcome.
    with pytest.raises(DeskError, match="closed already"):
        desk.live.close(call, outcome="no_order", notes=None, said="no order", actor=f.acting())
    (logged,) = _calls(desk)
    assert logged.outcome == "order_placed"


def test_a_transfer_and_an_outcome_close_the_call_in_the_log(desk) -> None:
    call = LiveCall()
    card = desk.live.card(
        call, query="K1", purpose="order", client_id=_client_id(desk, "K1"), actor=f.acting()
    )
    assert card.route.to is not None
    desk.live.transfer(call, card, actor=f.acting())
    assert call.closed_outcome == f"transferred to {card.route.to.title}"
    other = LiveCall()
    with pytest.raises(DeskError, match="Type the caller first"):
        desk.live.close(other, outcome="no_order", notes=None, said="no order", actor=f.acting())
    desk.live.card(
        other, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=f.acting()
    )
    desk.live.close(other, outcome="complaint", notes="late", said="complaint", actor=f.acting())
    outcomes = {c.id: (c.outcome, c.purpose, c.notes) for c in _calls(desk)}
    assert outcomes[other.call_id] == ("complaint", "complaint", "late")
    assert outcomes[call.call_id][0] == "transferred"


def test_the_logged_in_user_taking_the_call_is_the_operator_of_the_call_and_the_order(
    desk,
) -> None:
    ivo = Actor.of("ivo.kovac", ["operator"])
    call = LiveCall()
    card = desk.live.card(
        call, query="M1", purpose="order", client_id=_client_id(desk, "M1"), actor=ivo
    )
    call.add("SUGAR", Decimal(3))
    placed = desk.live.place(
        call,
        card,
        _details(),
        None,
        {"R11": "client in a hurry", "R12": "client in a hurry"},
        actor=ivo,
    )
    assert placed is not None
    (logged,) = _calls(desk)
    with desk.sessions() as s:
        order = s.scalars(select(Order)).one()
    assert logged.operator == order.operator == "ivo.kovac"
