"""The in-memory history model behind offers (R11-R13), without a database."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.offers import OfferItem, Offers, OfferService
from assistant.offers.addons import associations
from assistant.offers.history import HistoryIndex
from assistant.offers.history_load import HistoryColumns, day_date, day_number
from assistant.offers.texts import percent, quantity
from assistant.offers.traditional import client_habits, popular_overall, type_favourites

D = day_number(date(2026, 1, 1))


def index_of(lines: list[tuple[int, int, int, int, float]], types: dict[int, str]) -> HistoryIndex:
    """An index from (client, order, day offset, product id, qty) lines."""
    client, order, day, product, qty = (np.array(col) for col in zip(*lines, strict=True))
    cols = HistoryColumns(
        client=client.astype(np.int64),
        order=order.astype(np.int64),
        day=(day + D).astype(np.int64),
        product=product.astype(np.int64),
        qty=qty.astype(np.float64),
        max_id=len(lines),
    )
    return HistoryIndex(cols, types)


@pytest.fixture
def bakery() -> HistoryIndex:
    # Products: 10 flour, 20 yeast, 30 milk, 40 salt. Client 1 is a baker, 2 and 3 shops.
    return index_of(
        [
            (1, 0, 0, 10, 12.0),
            (1, 0, 0, 20, 1.0),
            (1, 1, 7, 10, 10.0),
            (1, 1, 7, 40, 1.0),
            (1, 2, 14, 10, 12.0),
            (2, 3, 1, 30, 5.0),
            (2, 3, 1, 10, 1.0),
            (3, 4, 2, 30, 5.0),
            (3, 5, 30, 20, 1.0),
        ],
        {1: "baker", 2: "retail", 3: "retail"},
    )


def test_days_round_trip_through_day_numbers() -> None:
    assert day_date(day_number(date(2011, 9, 1))) == date(2011, 9, 1)


def test_products_of_orders_gathers_every_line_of_each_order(bakery: HistoryIndex) -> None:
    products = bakery.product_ids[bakery.products_of(np.array([0, 3]))]
    assert sorted(products.tolist()) == [10, 10, 20, 30]


def test_orders_with_a_product_stop_before_the_day_and_keep_the_latest(
    bakery: HistoryIndex,
) -> None:
    flour = int(bakery.dense(np.array([10]))[0])
    assert bakery.orders_with(flour, D + 7, limit=10).tolist() == [0, 3]
    assert bakery.orders_with(flour, D + 100, limit=2).tolist() == [1, 2]


def test_unknown_products_have_no_dense_position(bakery: HistoryIndex) -> None:
    assert bakery.dense(np.array([10, 99])).tolist() == [0, -1]


def test_habits_count_orders_take_the_median_quantity_and_last_day_r11(
    bakery: HistoryIndex,
) -> None:
    habits = client_habits(bakery, client_id=1, before=D + 100, limit=10)
    flour = habits.ranked[0]
    assert bakery.product_ids[flour.product] == 10
    assert (flour.orders_with, flour.orders_total) == (3, 3)
    assert flour.usual_qty == 12.0
    assert flour.last_day == D + 14
    assert len(habits.bought) == 3


def test_habits_ignore_days_on_or_after_before_r11(bakery: HistoryIndex) -> None:
    habits = client_habits(bakery, client_id=1, before=D + 7, limit=10)
    assert sorted(bakery.product_ids[h.product] for h in habits.ranked) == [10, 20]
    assert client_habits(bakery, client_id=99, before=D + 7, limit=10).ranked == []


def test_type_favourites_count_clients_of_the_type_r11(bakery: HistoryIndex) -> None:
    stats = bakery.stats(D + 100)
    nothing = np.zeros(bakery.products, dtype=bool)
    retail = type_favourites(
        stats, type_position=bakery.type_position("retail"), excluded=nothing, limit=5
    )
    assert [(int(bakery.product_ids[f.product]), f.share) for f in retail][:1] == [(30, 1.0)]
    assert type_favourites(stats, type_position=-1, excluded=nothing, limit=5) == []
    overall = popular_overall(stats, excluded=nothing, limit=1)
    assert int(bakery.product_ids[overall[0].product]) == 10


def test_association_normalises_away_mere_popularity_r12() -> None:
    # 1 flour, 2 yeast, 3 milk. Milk is in every order; yeast only with flour.
    lines = [(c, c, 0, 3, 1.0) for c in range(40)]
    lines += [(c, c, 0, 1, 1.0) for c in range(6)]
    lines += [(c, c, 0, 2, 1.0) for c in range(4)]
    index = index_of(lines, {})
    flour = int(index.dense(np.array([1]))[0])
    found = associations(
        index,
        basket={flour: 1.0},
        before=D + 1,
        excluded=np.zeros(index.products, dtype=bool),
    )
    assert [int(index.product_ids[a.product]) for a in found] == [2, 3]
    assert found[0].because_of == flour


def test_associations_as_of_years_after_the_last_order_are_those_of_the_day_after_r12() -> None:
    # 1 flour, 2 yeast, 3 milk, 4 salt. Milk is in every order; yeast and salt go with
    # flour, yeast lately, salt a year before.
    lines = [(c, c, 365, 3, 1.0) for c in range(40)]
    lines += [(c, c, 365, 1, 1.0) for c in range(6)] + [(c, c, 365, 2, 1.0) for c in range(4)]
    lines += [(c, c, 0, p, 1.0) for c in range(40, 46) for p in (1, 4)]
    index = index_of(lines, {})
    flour = int(index.dense(np.array([1]))[0])
    nothing = np.zeros(index.products, dtype=bool)

    def ranked(before: int) -> list[int]:
        found = associations(index, basket={flour: 1.0}, before=before, excluded=nothing)
        return [int(index.product_ids[a.product]) for a in found]

    # Yeast before milk (popularity normalised away), before salt (out of season); the
    # model is built once for both days, first for the late one (a desk started today).
    assert ranked(D + 366 + 20 * 365) == [2, 3, 4]
    assert ranked(D + 366) == [2, 3, 4]


def test_addon_count_must_be_three_or_four_r12() -> None:
    factory: sessionmaker[Session] = sessionmaker()
    with pytest.raises(ValueError, match="3 or 4"):
        OfferService(session_factory=factory, addon_count=5)


def test_offers_as_dict_is_json_ready() -> None:
    item = OfferItem(sku="A", name="Flour", kind="special", why="x", valid_to=date(2026, 1, 2))
    data = Offers(new=[], special=[item], traditional=[], addons=[]).as_dict()
    assert data["special"][0]["valid_to"] == "2026-01-02"
    assert data["special"][0]["last_bought"] is None


def test_quantities_and_shares_read_naturally() -> None:
    assert (quantity(12.0), quantity(2.5)) == ("12", "2.5")
    assert (percent(0.64), percent(0.004), percent(0.0)) == ("64%", "under 1%", "0%")
