"""The Orders page (R18) in AppTest: filter, open an order, move it along, export."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order, OrderStatusChange
from assistant.orders.queries import OrderBook, OrderFilter, orders_csv
from tests import factories as f
from tests.conftest import TODAY
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/orders.py"


def _place(services: Any, client: str, key: str, *, operator: str, days: int = 1) -> str:
    draft = OrderDraft.from_json(
        {
            "client": client,
            "idempotency_key": key,
            "lines": [{"sku": "OIL", "qty": 2}],
            "delivery": {"date": (TODAY + timedelta(days=days)).isoformat(), "window": "08-12"},
            "receiver": "Ana",
            "payment": "cash",
            "documents": ["invoice"],
        }
    )
    return services.placement.place(draft=draft, actor=f.acting(operator)).order_no


@pytest.fixture
def orders(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Three placed orders: two of M1 by ana, one of M2 by ivo a week later."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", manager=mgr, name="Obrt Kovačević", credit_limit=Decimal(10_000))
        f.client(s, "M2", manager=mgr, name="=Mesnica Horvat")
        f.product(s, "OIL", prices={"A": "10.00", "B": "9.50", "C": "9.00"})
    return {
        "first": _place(services, "M1", "k1", operator="ana"),
        "second": _place(services, "M1", "k2", operator="ana"),
        "later": _place(services, "M2", "k3", operator="ivo", days=7),
    }


def _page() -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=30)).run()
    return at.switch_page(PAGE).run()


def _select_row(at: AppTest, index: int) -> AppTest:
    table = at.dataframe[0]
    at.session_state[table.key] = {"selection": {"rows": [index], "columns": [], "cells": []}}
    return at.run()


def test_the_orders_page_lists_every_order_newest_first(orders: dict[str, str]) -> None:
    at = _page()
    assert not at.exception
    assert list(at.dataframe[0].value["order_no"]) == [
        orders["later"],
        orders["second"],
        orders["first"],
    ]
    assert "3 orders" in at.caption[0].value


def test_filters_by_client_operator_and_delivery_dates_narrow_the_list(
    orders: dict[str, str],
) -> None:
    at = _page()
    at.text_input(key="orders_client").input("m2").run()
    assert list(at.dataframe[0].value["order_no"]) == [orders["later"]]
    at.text_input(key="orders_client").input("").run()
    at.selectbox(key="orders_operator").select("ana").run()
    assert set(at.dataframe[0].value["order_no"]) == {orders["first"], orders["second"]}
    at.selectbox(key="orders_operator").select("all")
    at.date_input(key="orders_dates").set_value(
        (TODAY + timedelta(days=5), TODAY + timedelta(days=9))
    )
    at.run()
    assert list(at.dataframe[0].value["order_no"]) == [orders["later"]]


def test_a_filter_that_matches_nothing_says_so(orders: dict[str, str]) -> None:
    at = _page()
    at.selectbox(key="orders_status").select("delivered").run()
    assert not at.exception
    assert "No orders match" in at.info[0].value


def test_a_selected_order_shows_its_full_detail(orders: dict[str, str]) -> None:
    at = _select_row(_page(), 2)
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert orders["first"] in shown and "Obrt Kovačević" in shown
    assert "08-12" in shown and "Ana" in shown and "cash" in shown and "invoice" in shown
    assert list(at.dataframe[1].value["sku"]) == ["OIL"]


def test_moving_an_order_along_writes_the_status_and_its_history_R18(
    orders: dict[str, str], services: Any
) -> None:
    at = _select_row(_page(), 2)
    at.button(key="orders_advance").click().run()
    assert not at.exception
    assert f"{orders['first']} is now accepted" in at.success[0].value
    with services.sessions() as s:
        order = s.scalars(select(Order).where(Order.idempotency_key == "k1")).one()
        moves = s.scalars(select(OrderStatusChange).where(OrderStatusChange.order_id == order.id))
        assert order.status == "accepted"
        # Signed by the logged-in user.
        assert [(m.from_status, m.to_status, m.by) for m in moves] == [
            ("placed", "accepted", "ana")
        ]
    # The moved order stays open, ready for its next step.
    assert at.button(key="orders_advance").label == "Move to picking"


def test_a_move_another_head_already_made_is_refused_with_a_message(
    orders: dict[str, str], services: Any
) -> None:
    at = _select_row(_page(), 2)
    services.orders.advance(
        order_no=orders["first"], to_status="accepted", actor=f.acting("other head")
    )
    at.button(key="orders_advance").click().run()
    assert not at.exception
    assert "is accepted; it can move on to picking" in at.error[0].value
    assert services.orders.get(orders["first"], actor=Actor.system())["status"] == "accepted"


def test_the_export_holds_exactly_the_filtered_orders(
    orders: dict[str, str], services: Any
) -> None:
    at = _page()
    at.selectbox(key="orders_operator").select("ivo").run()
    assert at.download_button(key="orders_export").label == "Export CSV"
    text = orders_csv(services.orders.list(where=OrderFilter(operator="ivo"), actor=Actor.system()))
    lines = text.splitlines()
    assert lines[0].startswith("Order,Status,Client code,Client name,Delivery date")
    assert len(lines) == 2 and lines[1].startswith(f"{orders['later']},placed,M2,'=Mesnica Horvat")


def test_a_database_failure_shows_a_message_never_a_traceback(
    orders: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, **_: Any) -> list[dict[str, Any]]:
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(OrderBook, "list", broken)
    at = _page()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
