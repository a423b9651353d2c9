"""Items a client declined in its recent calls come last in the next card's offers (R11-R12)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from assistant.calls.declined import RECENT_CALLS, RECENT_DAYS, DeclinedOffers
from assistant.calls.models import Call
from tests import factories as f
from tests.conftest import TODAY

DECLINED = "(declined in a recent call)"


@pytest.fixture
def desk(services: Any) -> Any:
    """M1 buys flour every week and oil twice; other shops buy flour with yeast or salt."""
    with services.sessions.begin() as s:
        f.columns(s)
        m1 = f.client(s, "M1", type="marketer")
        goods = {sku: f.product(s, sku, prices={"A": "1"}) for sku in ("FLOUR", "OIL", "YEAST")}
        goods |= {
            sku: f.product(s, sku, prices={"A": "1"}) for sku in ("SALT", "TEA", "RICE", "EGGS")
        }
        for week in range(3):
            day = TODAY - timedelta(days=7 * (week + 1))
            f.history(s, m1, goods["FLOUR"], order_no=f"M{week}", day=day, qty=5)
            if week:
                f.history(s, m1, goods["OIL"], order_no=f"M{week}", day=day, qty=1)
        for n in range(6):
            shop = f.client(s, f"S{n}", type="retail")
            extra = goods["YEAST"] if n < 4 else goods["SALT"]
            for product in (goods["FLOUR"], extra):
                f.history(s, shop, product, order_no=f"S{n}", day=TODAY - timedelta(days=2))
    services.offers.preload()
    return services


def _card(desk: Any) -> Any:
    client = desk.directory.by_code("M1")
    assert client is not None
    return desk.cards.card_for(client=client, draft_skus=["FLOUR"])


def _declined_in_a_call(desk: Any, offers: list[tuple[str, str]], *, days_ago: int = 0) -> int:
    client = desk.directory.by_code("M1")
    call_id = int(desk.calls.start(actor=f.acting("ana"), phone=None, client_id=client.id))
    desk.calls.record_offers(call_id=call_id, offers=offers, actor=f.acting())
    for sku, _kind in offers:
        desk.calls.answer_offer(call_id=call_id, sku=sku, accepted=False, actor=f.acting())
    if days_ago:
        started = datetime.combine(TODAY - timedelta(days=days_ago), time(10))
        with desk.sessions.begin() as s:
            s.execute(update(Call).where(Call.id == call_id).values(started_at=started))
    return call_id


def _skus(items: list[Any]) -> list[str]:
    return [i.sku for i in items]


def test_an_addon_declined_in_a_call_is_not_offered_first_on_the_next_card(desk: Any) -> None:
    before = _card(desk).offers
    assert before.addons[0].sku == "YEAST"

    _declined_in_a_call(desk, [("YEAST", "addon")])
    after = _card(desk).offers

    # SALT goes with flour too, then everyone's favourites: yeast is not needed to fill four.
    assert after.addons[0].sku == "SALT"
    assert "YEAST" not in _skus(after.addons)
    assert len(after.addons) == 4


def test_a_declined_traditional_item_comes_after_the_others_and_says_why(desk: Any) -> None:
    client = desk.directory.by_code("M1")
    assert _skus(desk.cards.card_for(client=client).offers.traditional) == ["FLOUR", "OIL"]

    _declined_in_a_call(desk, [("FLOUR", "traditional")])
    card = desk.cards.card_for(client=client)
    traditional = card.offers.traditional

    assert _skus(traditional).index("OIL") < _skus(traditional).index("FLOUR")
    flour = next(i for i in traditional if i.sku == "FLOUR")
    assert flour.why.endswith(DECLINED)
    assert not next(i for i in traditional if i.sku == "OIL").why.endswith(DECLINED)


def test_a_no_older_than_the_window_or_answered_yes_later_no_longer_demotes(desk: Any) -> None:
    _declined_in_a_call(desk, [("YEAST", "addon")], days_ago=RECENT_DAYS + 5)
    assert _card(desk).offers.addons[0].sku == "YEAST"

    call_id = _declined_in_a_call(desk, [("YEAST", "addon")], days_ago=3)
    assert "YEAST" not in _skus(_card(desk).offers.addons)
    desk.calls.answer_offer(call_id=call_id, sku="YEAST", accepted=True, actor=f.acting())
    assert _card(desk).offers.addons[0].sku == "YEAST"


def test_only_the_last_few_calls_count(desk: Any) -> None:
    _declined_in_a_call(desk, [("YEAST", "addon")], days_ago=RECENT_CALLS + 2)
    client = desk.directory.by_code("M1")
    declined = DeclinedOffers(session_factory=desk.sessions)
    assert declined.skus(client_id=client.id, as_of=TODAY) == {"YEAST"}
    for n in range(RECENT_CALLS):
        _declined_in_a_call(desk, [("TEA", "addon")], days_ago=RECENT_CALLS - n)

    assert declined.skus(client_id=client.id, as_of=TODAY) == {"TEA"}
    assert _card(desk).offers.addons[0].sku == "YEAST"
