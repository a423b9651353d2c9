"""Offers (R11-R13) on a real database: new, special, traditional and add-on items."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from decimal import Decimal
from itertools import count

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.models import Price, PriceColumn, Product, SpecialPosition
from assistant.clients.models import Client
from assistant.db import transaction
from assistant.offers import Offers, OfferService
from assistant.orders.models import HistoryLine

AS_OF = date(2026, 6, 1)


class Shop:
    """Hand-made catalogue, clients and order history for one test."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory
        self._order_no = count(1)

    def products(self, *skus: str, **fields: object) -> None:
        with transaction(self.factory) as s:
            for sku in skus:
                name = f"{sku.title()} 1 kg"
                s.add(Product(sku=sku, name=name, search_name=name.lower(), category="food"))
        if fields:
            self.update(*skus, **fields)

    def update(self, *skus: str, **fields: object) -> None:
        with transaction(self.factory) as s:
            for product in s.scalars(select(Product).where(Product.sku.in_(skus))):
                for key, value in fields.items():
                    setattr(product, key, value)

    def client(self, code: str, kind: str = "retail") -> int:
        with transaction(self.factory) as s:
            client = Client(code=code, name=code, search_name=code.lower(), type=kind)
            s.add(client)
            s.flush()
            return client.id

    def order(self, client_id: int, day: date, lines: dict[str, float] | list[str]) -> None:
        qty = lines if isinstance(lines, dict) else dict.fromkeys(lines, 1.0)
        order_no = f"H{next(self._order_no)}"
        with transaction(self.factory) as s:
            ids = dict(s.execute(select(Product.sku, Product.id).where(Product.sku.in_(qty))).all())
            for sku, amount in qty.items():
                s.add(
                    HistoryLine(
                        order_no=order_no,
                        client_id=client_id,
                        order_date=day,
                        product_id=ids[sku],
                        qty=amount,
                        price=1.0,
                    )
                )

    def special(self, sku: str, start: date, end: date, types: str = "") -> None:
        with transaction(self.factory) as s:
            product = s.scalars(select(Product).where(Product.sku == sku)).one()
            s.add(
                SpecialPosition(
                    product=product,
                    title=f"Action on {sku}",
                    valid_from=start,
                    valid_to=end,
                    client_types=types,
                )
            )


@pytest.fixture
def shop(session_factory: sessionmaker[Session]) -> Shop:
    return Shop(session_factory)


@pytest.fixture
def service(session_factory: sessionmaker[Session]) -> OfferService:
    return OfferService(session_factory=session_factory, new_item_days=90, addon_count=4)


def offers(service: OfferService, client_id: int | None = None, **kw: object) -> Offers:
    kw.setdefault("client_type", "retail")
    kw.setdefault("price_column", None)
    kw.setdefault("as_of", AS_OF)
    return service.offers_for(client_id=client_id, **kw)  # type: ignore[arg-type]


def skus(items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.sku for i in items]


def test_new_items_are_active_products_new_within_the_window_newest_first_r11(
    shop: Shop, service: OfferService
) -> None:
    shop.products("OLD", new_since=AS_OF - timedelta(days=91))
    shop.products("NEWER", new_since=AS_OF - timedelta(days=2))
    shop.products("NEW", new_since=AS_OF - timedelta(days=90))
    shop.products("FUTURE", new_since=AS_OF + timedelta(days=1))
    shop.products("GONE", new_since=AS_OF, active=False)
    shop.products("DRAFTED", new_since=AS_OF)

    found = offers(service, draft_skus=["DRAFTED"]).new

    assert skus(found) == ["NEWER", "NEW"]
    assert all(i.kind == "new" for i in found)


def test_specials_valid_on_the_day_show_soonest_ending_first_with_valid_to_r11(
    shop: Shop, service: OfferService
) -> None:
    shop.products("LATE", "SOON", "EXPIRED", "NOT_YET", "DRAFTED", "GONE")
    shop.special("LATE", AS_OF - timedelta(days=5), AS_OF + timedelta(days=30))
    shop.special("SOON", AS_OF, AS_OF)
    shop.special("EXPIRED", AS_OF - timedelta(days=9), AS_OF - timedelta(days=1))
    shop.special("NOT_YET", AS_OF + timedelta(days=1), AS_OF + timedelta(days=9))
    shop.special("DRAFTED", AS_OF, AS_OF + timedelta(days=3))
    shop.special("GONE", AS_OF, AS_OF + timedelta(days=3))
    shop.update("GONE", active=False)

    found = offers(service, draft_skus=["DRAFTED"]).special

    assert skus(found) == ["SOON", "LATE"]
    assert found[0].valid_to == AS_OF
    assert "until 1 Jun 2026" in found[0].why


def test_specials_aimed_at_other_client_types_are_not_shown_r11(
    shop: Shop, service: OfferService
) -> None:
    shop.products("ALL", "MARKET", "KEY")
    end = AS_OF + timedelta(days=7)
    shop.special("ALL", AS_OF, end)
    shop.special("MARKET", AS_OF, end, types="marketer;horeca")
    shop.special("KEY", AS_OF, end, types="key")

    assert skus(offers(service, client_type="marketer").special) == ["ALL", "MARKET"]
    assert skus(offers(service, client_type=None).special) == ["ALL"]


def test_traditional_ranks_a_staple_above_a_one_off_with_usual_qty_and_last_date_r11(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", "SALT", "CAVIAR")
    baker = shop.client("B1")
    for week in range(10):
        day = AS_OF - timedelta(days=7 * (week + 1))
        lines = {"FLOUR": 12.0 if week != 3 else 50.0, "SALT": 2.0}
        if week % 3:
            lines.pop("SALT")
        if week == 5:
            lines["CAVIAR"] = 1.0
        shop.order(baker, day, lines)

    found = offers(service, baker).traditional

    assert skus(found)[:3] == ["FLOUR", "SALT", "CAVIAR"]
    flour = found[0]
    assert flour.usual_qty == 12.0
    assert flour.last_bought == AS_OF - timedelta(days=7)
    assert flour.why == "Bought in 10 of its 10 orders, usually 12 pc; last on 25 May 2026"


def test_traditional_adds_what_clients_of_the_same_type_buy_and_this_one_does_not_r11(
    shop: Shop, service: OfferService
) -> None:
    shop.products("EGGS", "FLOUR", "YEAST", "SUGAR")
    day = AS_OF - timedelta(days=3)
    for n in range(4):
        shop.order(shop.client(f"M{n}", "marketer"), day, ["EGGS", "FLOUR"] + ["YEAST"] * (n % 2))
    shop.order(shop.client("R1", "retail"), day, ["SUGAR"])
    me = shop.client("ME", "marketer")
    shop.order(me, day - timedelta(days=10), ["EGGS"])

    service = OfferService(session_factory=shop.factory, type_labels={"marketer": "market trader"})
    found = offers(service, me, client_type="marketer").traditional

    assert skus(found) == ["EGGS", "FLOUR", "YEAST"]
    assert found[1].why == "Popular with market trader clients: bought by 80% of them"
    assert found[2].why == "Popular with market trader clients: bought by 40% of them"


def test_traditional_and_addons_leave_out_items_already_in_the_draft_r11_r12(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", "SALT", "YEAST", "SUGAR", "OIL")
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=3), ["FLOUR", "SALT", "YEAST"])

    found = offers(service, me, draft_skus=["FLOUR"])

    assert "FLOUR" not in skus(found.traditional) + skus(found.addons)


def test_addons_leave_out_draft_traditional_inactive_and_out_of_stock_items_r12(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", "SALT", "YEAST", "SUGAR", "OIL", "MILK", "EGGS", "RICE", "TEA")
    shop.update("SUGAR", active=False)
    shop.update("OIL", stock=Decimal(0))
    shop.update("MILK", stock=Decimal(5))
    everything = ["FLOUR", "SALT", "YEAST", "SUGAR", "OIL", "MILK", "EGGS", "RICE", "TEA"]
    for n in range(3):
        shop.order(shop.client(f"O{n}"), AS_OF - timedelta(days=5), everything)
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=3), ["SALT"])

    found = offers(service, me, client_type="horeca", draft_skus=["FLOUR"])

    assert skus(found.traditional) == ["SALT"]
    addons = skus(found.addons)
    assert len(addons) == 4
    assert not {"FLOUR", "SUGAR", "OIL"} & set(addons)
    assert not set(skus(found.traditional)) & set(addons)
    assert "MILK" in addons  # stock known and positive


@pytest.mark.parametrize("wanted", [3, 4])
def test_there_are_exactly_addon_count_addons_r12(
    shop: Shop, session_factory: sessionmaker[Session], wanted: int
) -> None:
    shop.products(*(f"P{n:02d}" for n in range(20)))
    for n in range(6):
        shop.order(shop.client(f"C{n}"), AS_OF - timedelta(days=n + 1), [f"P{n:02d}", "P19"])

    service = OfferService(session_factory=session_factory, addon_count=wanted)
    found = offers(service, draft_skus=["P00", "P01", "P02"])

    assert len(found.addons) == wanted
    assert len(set(skus(found.addons))) == wanted
    assert all(i.kind == "addon" for i in found.addons)


def test_addons_follow_similar_baskets_rather_than_mere_popularity_r12(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", "YEAST", "MILK", "BREAD", "SALT", "TEA")
    day = AS_OF - timedelta(days=10)
    # Everyone buys milk; bakers who buy flour often add yeast.
    for n in range(30):
        shop.order(shop.client(f"S{n}", "retail"), day, ["MILK", "BREAD"])
    for n in range(6):
        shop.order(shop.client(f"B{n}", "baker"), day, ["FLOUR", "MILK"] + ["YEAST"] * (n < 4))

    found = offers(service, client_type="horeca", draft_skus=["FLOUR"]).addons

    assert found[0].sku == "YEAST"
    assert found[0].why == "Often bought with Flour 1 kg"
    assert skus(found).index("YEAST") < skus(found).index("MILK")


def test_history_on_or_after_as_of_is_ignored_r11_r12(shop: Shop, service: OfferService) -> None:
    shop.products("FLOUR", "SALT", "YEAST")
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=1), ["FLOUR"])
    shop.order(me, AS_OF, ["SALT"])
    shop.order(me, AS_OF + timedelta(days=5), ["YEAST"])

    before = offers(service, me)
    later = offers(service, me, as_of=AS_OF + timedelta(days=30))

    assert skus(before.traditional) == ["FLOUR"]
    assert "bought with" not in " ".join(i.why for i in before.addons)
    assert set(skus(later.traditional)) == {"FLOUR", "SALT", "YEAST"}


def test_new_history_is_picked_up_after_invalidate_r11(shop: Shop, service: OfferService) -> None:
    shop.products("FLOUR", "SALT")
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=9), ["FLOUR"])
    assert skus(offers(service, me).traditional) == ["FLOUR"]

    shop.order(me, AS_OF - timedelta(days=2), ["SALT"])
    assert set(skus(offers(service, me).traditional)) == {"FLOUR", "SALT"}

    with transaction(shop.factory) as s:
        s.execute(delete(HistoryLine))
    service.invalidate()
    assert offers(service, me).traditional == []


def test_a_new_client_without_history_still_gets_addon_count_addons_r12(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", "SALT", "YEAST", "SUGAR", "OIL", "RICE")
    shop.order(shop.client("OLD", "marketer"), AS_OF - timedelta(days=4), ["FLOUR", "SALT"])

    found = offers(service, None, client_type=None)

    assert found.traditional == []
    assert len(found.addons) == 4
    assert skus(found.addons)[:2] == ["FLOUR", "SALT"]
    assert found.addons[0].why == "Popular with all clients: in 100% of orders"


def test_offers_are_priced_in_the_clients_price_column_r14(
    shop: Shop, service: OfferService
) -> None:
    shop.products("FLOUR", new_since=AS_OF)
    shop.products("SALT", new_since=AS_OF)
    with transaction(shop.factory) as s:
        a, c = PriceColumn(code="A", name="Base"), PriceColumn(code="C", name="Market")
        s.add_all([a, c])
        flour = s.scalars(select(Product).where(Product.sku == "FLOUR")).one()
        s.add_all([Price(product_id=flour.id, column=a, price=Decimal("10.00"))])
        s.add_all([Price(product_id=flour.id, column=c, price=Decimal("8.50"))])

    found = {i.sku: i.price for i in offers(service, price_column="C").new}
    assert found == {"FLOUR": 8.5, "SALT": None}
    assert offers(service, price_column=None).new[0].price is None


def test_offers_turn_into_json_with_iso_dates(shop: Shop, service: OfferService) -> None:
    shop.products("FLOUR", "SALT", "YEAST", "SUGAR", "OIL", "RICE")
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=9), {"FLOUR": 3})

    data = json.loads(json.dumps(offers(service, me).as_dict()))

    assert set(data) == {"new", "special", "traditional", "addons"}
    assert data["traditional"][0]["last_bought"] == "2026-05-23"
    assert data["traditional"][0]["usual_qty"] == 3


@pytest.mark.usefixtures("engine")  # real commits: the refresh runs on its own thread
def test_a_large_model_takes_in_new_lines_in_the_background_r11(
    shop: Shop, service: OfferService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.offers.service.BACKGROUND_REFRESH_FROM", 1)
    shop.products("FLOUR", "SALT")
    me = shop.client("ME")
    shop.order(me, AS_OF - timedelta(days=9), ["FLOUR"])
    service.preload()

    shop.order(me, AS_OF - timedelta(days=2), ["SALT"])
    deadline = time.monotonic() + 10
    while len(offers(service, me).traditional) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the stale model answers meanwhile

    assert set(skus(offers(service, me).traditional)) == {"FLOUR", "SALT"}


def test_addons_are_new_to_the_client_even_beyond_the_traditional_list_r12(
    shop: Shop, service: OfferService
) -> None:
    staples = [f"ITEM{n:02d}" for n in range(12)]
    shop.products("FLOUR", "YEAST", "SUGAR", "SALT", "TEA", "RICE", *staples)
    day = AS_OF - timedelta(days=10)
    for n in range(6):
        shop.order(shop.client(f"B{n}", "baker"), day, ["FLOUR", "YEAST", "SUGAR"][: 2 + (n < 3)])
    client = shop.client("C")
    for n in range(3):
        shop.order(client, day - timedelta(days=n), staples)
    # Yeast, bought once long ago, is too weak a habit for the traditional list.
    shop.order(client, AS_OF - timedelta(days=400), ["YEAST"])

    found = offers(service, client, draft_skus=["FLOUR"])

    assert "YEAST" not in skus(found.traditional)
    assert "YEAST" not in skus(found.addons)
    assert skus(found.addons)[0] == "SUGAR"
    assert not set(skus(found.addons)) & {"FLOUR", *staples}
