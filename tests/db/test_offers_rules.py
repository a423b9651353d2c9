"""Offers respect the business (R11-R12): nothing inactive, nothing already in the draft,
no special outside its dates, and every offer with a short reason the operator can say."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.orm import Session, sessionmaker
from test_offers import AS_OF, Shop, offers, skus

from assistant.offers import Offers, OfferService

SHORT = 120  # characters: a reason is one sentence said during a call, not a paragraph


@pytest.fixture
def shop(session_factory: sessionmaker[Session]) -> Shop:
    return Shop(session_factory)


@pytest.fixture
def service(session_factory: sessionmaker[Session]) -> OfferService:
    return OfferService(session_factory=session_factory, new_item_days=90, addon_count=4)


def _everything(found: Offers) -> list[str]:
    return skus(found.new) + skus(found.special) + skus(found.traditional) + skus(found.addons)


@pytest.fixture
def busy(shop: Shop) -> int:
    """A shop where every kind has candidates, some of them inactive, drafted or expired."""
    shop.products("FLOUR", "YEAST", "SALT", "OIL", "TEA", "RICE", "EGGS", "MILK")
    shop.products("NEWBIE", new_since=AS_OF - timedelta(days=5))
    shop.products("HASBEEN", new_since=AS_OF - timedelta(days=5), active=False)
    shop.special("TEA", AS_OF - timedelta(days=3), AS_OF + timedelta(days=3))
    shop.special("RICE", AS_OF - timedelta(days=10), AS_OF - timedelta(days=1))
    shop.special("EGGS", AS_OF + timedelta(days=1), AS_OF + timedelta(days=5))
    day = AS_OF - timedelta(days=6)
    for n in range(5):
        lines = ["FLOUR", "YEAST", "OIL", "MILK"] + ["EGGS"] * (n < 3)
        shop.order(shop.client(f"S{n}"), day, lines)
    me = shop.client("ME")
    for week in range(3):
        shop.order(me, AS_OF - timedelta(days=7 * (week + 1)), ["FLOUR", "SALT", "OIL"])
    # OIL left the assortment and MILK ran out: neither may be offered in any way.
    shop.update("OIL", active=False)
    shop.update("MILK", stock=Decimal(0))
    return me


def test_no_kind_offers_an_inactive_item_even_a_habit_r11_r12(
    shop: Shop, service: OfferService, busy: int
) -> None:
    found = offers(service, busy)

    assert "FLOUR" in skus(found.traditional)  # the habits still there
    assert not {"OIL", "HASBEEN"} & set(_everything(found))
    assert "MILK" not in skus(found.addons)  # out of stock: never pushed as an add-on


def test_no_kind_offers_an_item_already_in_the_draft_r11_r12(
    shop: Shop, service: OfferService, busy: int
) -> None:
    draft = ["FLOUR", "YEAST", "TEA", "NEWBIE"]

    found = offers(service, busy, draft_skus=draft)

    assert not set(draft) & set(_everything(found))


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (AS_OF, ["TEA"]),
        (AS_OF - timedelta(days=5), ["RICE"]),  # RICE valid then, TEA not yet
        (AS_OF + timedelta(days=4), ["EGGS"]),  # TEA over, EGGS begun
    ],
)
def test_a_special_shows_only_within_its_dates_r11(
    shop: Shop, service: OfferService, busy: int, day: date, shown: list[str]
) -> None:
    assert skus(offers(service, busy, as_of=day).special) == shown


def test_every_offer_has_a_short_reason_r11_r12(
    shop: Shop, service: OfferService, busy: int
) -> None:
    for draft in ([], ["FLOUR"]):
        found = offers(service, busy, draft_skus=draft)
        items = [*found.new, *found.special, *found.traditional, *found.addons]
        assert {i.kind for i in items} == {"new", "special", "traditional", "addon"}
        for item in items:
            assert item.why.strip(), item
            assert len(item.why) <= SHORT and "\n" not in item.why, item.why
