"""The Clients page in AppTest: search, the card, order history and debts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.orders.draft import OrderDraft
from assistant.timeutil import today
from tests import factories as f
from tests.conftest import TODAY
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/clients.py"


@pytest.fixture
def clients(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A debtor with ERP history and an overdue invoice; a good payer with a desk order."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    day = today()
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        oil = f.product(s, "OIL", prices={"A": "10", "B": "9", "C": "8"})
        salt = f.product(s, "SALT", prices={"A": "1", "B": "1", "C": "1"})
        debtor = f.client(s, "D1", manager=mgr, name="Mesnica Horvat", phone="01 555 0101")
        f.history(s, debtor, oil, order_no="ERP-1", day=day - timedelta(days=40), qty=3)
        f.history(s, debtor, salt, order_no="ERP-1", day=day - timedelta(days=40), qty=5)
        f.history(s, debtor, oil, order_no="ERP-2", day=day - timedelta(days=10), qty=1)
        f.receivable(s, debtor, "INV-OLD", "500", due=day - timedelta(days=30), paid="100")
        f.receivable(s, debtor, "INV-NEW", "80", due=day + timedelta(days=14))
        f.client(s, "G1", manager=mgr, name="Mesnica Gorski", credit_limit=Decimal(10_000))
    draft = OrderDraft.from_json(
        {
            "client": "G1",
            "idempotency_key": "g1-1",
            "lines": [{"sku": "OIL", "qty": 2}, {"sku": "SALT", "qty": 4}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Receiver of G1",
            "payment": "invoice",
            "documents": ["invoice"],
        }
    )
    services.placement.place(draft=draft, actor=f.acting("ana"))
    return services


def _search(text: str) -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=30)).run()
    at.switch_page(PAGE).run()
    return at.text_input(key="clients_query").input(text).run()


def _table(at: AppTest, *columns: str) -> Any:
    """The first table with these columns (plain st.dataframe carries no key in AppTest)."""
    return next(d.value for d in at.dataframe if list(d.value.columns) == list(columns))


def test_a_client_found_by_code_shows_the_same_card_as_a_call(clients: Any) -> None:
    at = _search("d1")
    assert not at.exception
    assert at.subheader[0].value.startswith("Mesnica Horvat")
    assert "Credit blocked" in at.error[0].value and "INV-OLD" in at.error[0].value


def test_the_client_history_is_grouped_by_order_newest_first(clients: Any) -> None:
    at = _search("D1")
    past = _table(at, "order", "date", "lines", "total")
    assert list(past["order"]) == ["ERP-2", "ERP-1"]
    assert list(past["lines"]) == [1, 2]
    assert list(past["total"]) == ["€1.00", "€8.00"]


def test_an_overdue_debt_is_marked_and_summed(clients: Any) -> None:
    at = _search("D1")
    debts = _table(at, "document", "due", "amount", "paid", "open", "state")
    assert list(debts["document"]) == ["INV-OLD", "INV-NEW"]
    assert list(debts["state"]) == ["overdue 30 d", "not due"]
    assert any("Overdue €400.00" in e.value for e in at.error)


def test_several_matches_can_be_picked_and_show_desk_orders(clients: Any) -> None:
    at = _search("mesnica")
    assert len(at.radio[0].options) == 2
    gorski = clients.directory.by_code("G1")
    at.radio[0].set_value(gorski.id).run()
    assert at.subheader[0].value.startswith("Mesnica Gorski")
    desk = _table(at, "order", "placed", "delivery", "status", "lines", "total")
    assert list(desk["status"]) == ["placed"] and list(desk["lines"]) == [2]
    assert any("Nothing open" in c.value for c in at.caption)


def test_a_search_that_finds_nobody_says_so(clients: Any) -> None:
    at = _search("zzzz qqqq")
    assert not at.exception
    assert "No client has" in at.info[0].value
