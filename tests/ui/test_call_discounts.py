"""The live call's order grid shows each line's discount, the programme applied, and prompts."""

from __future__ import annotations

from decimal import Decimal

from streamlit.testing.v1 import AppTest

from assistant.discounts.models import DiscountRule
from tests.ui.steps import place
from tests.ui.test_live_call import _add, _caller, _orders, app  # noqa: F401 - fixture by name


def test_a_discount_shows_in_the_grid_and_the_placed_order_has_the_quotes_total(
    app: AppTest,  # noqa: F811
    session_factory,
) -> None:
    with session_factory.begin() as s:
        s.add(DiscountRule(code="OIL12", title="Oil week", sku="OIL", min_qty=Decimal(12),
                           percent=Decimal(10)))  # fmt: skip
    _caller(app, "kovacevic")
    _add(app, "maslinovo ulje", 6)
    captions = " ".join(c.value for c in app.caption)
    assert "6 more kom of Maslinovo ulje 1 l and “Oil week” gives 10% off" in captions
    _add(app, "maslinovo ulje", 6)
    grid = app.dataframe[0].value
    assert list(grid["Disc."]) == ["10%"] and list(grid["Price"]) == ["€8.10"]
    assert "Total €97.20" in " ".join(m.value for m in app.markdown)
    assert "Oil week: 10% off, €10.80 less" in " ".join(c.value for c in app.caption)
    place(app)
    (order,) = _orders(session_factory)
    assert order.total == Decimal("97.20") and order.lines[0].discount_code == "OIL12"
