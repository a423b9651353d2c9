"""Names that arrive by ERP import are data, never markup: a product named like HTML is
shown escaped in the offers (R21)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests import factories as f
from tests.conftest import TODAY
from tests.ui import test_live_call as live

app = live.app


@pytest.fixture
def hostile(app: AppTest, session_factory) -> AppTest:
    with session_factory.begin() as s:
        f.product(
            s,
            "EVIL",
            name='<img src=x onerror="alert(1)"> ulje',
            prices={"A": "1", "B": "1", "C": "1"},
            new_since=TODAY - timedelta(days=2),
        )
    return app


def test_a_product_named_like_markup_is_shown_escaped_in_the_offers(hostile: AppTest) -> None:
    live._caller(hostile, "kovacevic")
    shown = [m.value for m in hostile.markdown if "EVIL" in m.value]
    assert shown, "the new item is offered"
    assert "&lt;img src=x" in shown[0] and "<img" not in shown[0]
