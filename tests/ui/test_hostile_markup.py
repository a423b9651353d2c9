"""Imported names and SKUs reach the two places that draw HTML (the offers of the live call
and of the Clients page) escaped: a SKU with a backtick cannot close its code span (R21)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from tests import factories as f
from tests.conftest import TODAY
from tests.ui import test_live_call as live
from tests.ui.hostile import calm

app = live.app
__all__ = ["app"]

SKU = "EVIL`<img src=x onerror=alert(1)>`"
NAME = "<script>alert(1)</script> ulje"


@pytest.fixture
def hostile(app: AppTest, session_factory) -> AppTest:
    with session_factory.begin() as s:
        f.product(
            s,
            SKU,
            name=NAME,
            prices={"A": "1", "B": "1", "C": "1"},
            new_since=TODAY - timedelta(days=2),
        )
    return app


def _offered(at: AppTest) -> str:
    found = [m for m in at.markdown if "EVIL" in m.value]
    assert found, "the new item is offered"
    assert all(m.proto.allow_html for m in found)  # the offers are HTML: imports are escaped
    return " ".join(m.value for m in found)


def test_a_hostile_sku_and_name_are_escaped_in_the_live_calls_offers(hostile: AppTest) -> None:
    offered = _offered(calm(live._caller(hostile, "kovacevic")))
    assert "<img" not in offered and "<script" not in offered
    assert "<code>EVIL`&lt;img src=x onerror=alert(1)&gt;`</code>" in offered
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ulje" in offered


def test_a_hostile_sku_and_name_are_escaped_in_the_clients_pages_offers(hostile: AppTest) -> None:
    hostile.run()
    hostile.switch_page("assistant/ui/pages/clients.py").run()
    calm(hostile.text_input(key="clients_query").input("kovacevic").run())
    offered = _offered(hostile)
    assert "<img" not in offered and "<script" not in offered
    assert "<code>EVIL`&lt;img src=x onerror=alert(1)&gt;`</code>" in offered
