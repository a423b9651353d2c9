"""`desk card --draft SKU:QTY,...` says which discount is in reach and what is missing (R15)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.discounts.models import DiscountRule
from tests.cli.test_cli import _json, desk_db  # noqa: F401 - the fixture is used by name


@pytest.mark.usefixtures("desk_db")
def test_the_card_prompts_a_discount_the_draft_is_half_way_to(session_factory) -> None:
    with session_factory.begin() as s:
        s.add(DiscountRule(code="OIL6", title="Oil week", sku="OIL", min_qty=Decimal(6),
                           percent=Decimal(5)))  # fmt: skip

    code, card = _json(["card", "M1", "--draft", "OIL:4,FLOUR", "--json", "--no-record"])

    assert code == 0
    assert card["prompts"] == [
        {
            "kind": "discount",
            "code": "OIL6",
            "text": "2 more kom of Maslinovo ulje 1 l and “Oil week” gives 5% off",
            "missing_qty": 2.0,
            "missing_value": None,
        }
    ]
    _, met = _json(["card", "M1", "--draft", "OIL:6", "--json", "--no-record"])
    _, far = _json(["card", "M1", "--draft", "OIL:2", "--json", "--no-record"])
    assert met["prompts"] == far["prompts"] == []


@pytest.mark.usefixtures("desk_db")
def test_a_draft_quantity_that_is_not_a_number_is_refused_in_words() -> None:
    code, out = _json(["card", "M1", "--draft", "OIL:lots", "--json", "--no-record"])
    assert code == 1 and "SKU:QTY" in out["message"]
