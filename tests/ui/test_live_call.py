"""Whole calls worked on the live call page (AppTest), checked in SQL afterwards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from assistant.calls.models import Call, OfferMade
from assistant.orders.models import Order
from tests import factories as f
from tests.conftest import TODAY
from tests.ui.steps import logged_in, place

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A small company: ordinary M1, key K1 (KAM absent), debtor D1, regional R1."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        kam = f.manager(s, "KAM", role="kam", available=False)
        f.manager(s, "KAM2", role="kam")
        f.manager(s, "FIN", role="finance", dept="finance")
        m1 = f.client(s, "M1", type="marketer", manager=mgr, name="Obrt Kovačević")
        f.client(s, "K1", type="key", manager=kam, phone="+385 1 234 5678", name="Hotel Jadran")
        debtor = f.client(s, "D1", type="marketer", manager=mgr, name="Mesnica Dužnik")
        f.receivable(s, debtor, "INV-7", "250", due=TODAY - timedelta(days=20))
        f.client(s, "R1", type="regional", manager=mgr, regional=True, name="Trgovina Split")
        oil = f.product(
            s,
            "OIL",
            name="Maslinovo ulje 1 l",
            pack_size=Decimal(6),
            prices={"A": "10", "B": "9.5", "C": "9"},
        )
        f.product(s, "SUGAR", name="Šećer kristal 1 kg", prices={"A": "1", "B": "0.9", "C": "0.8"})
        for i in range(3):
            f.history(s, m1, oil, order_no=f"H{i}", day=TODAY - timedelta(days=7 * (i + 1)), qty=12)
    return logged_in(AppTest.from_file(APP, default_timeout=30))


def _caller(app: AppTest, query: str) -> AppTest:
    app.run()
    app.text_input(key="caller_query").input(query).run()
    assert not app.exception, app.exception
    assert not [e for e in app.error if "Something went wrong" in e.value]
    return app


def _add(app: AppTest, query: str, qty: float) -> None:
    app.text_input(key="product_query").input(query).run()
    sku = {"maslinovo": "OIL", "secer": "SUGAR"}[query.split()[0]]
    app.text_input(key=f"qty-{sku}").input(f"{qty:g}")
    next(b for b in app.button if b.label == "Add line").click().run()
    assert not app.exception, app.exception


def _orders(session_factory) -> list[Order]:
    with session_factory() as s:
        return list(s.scalars(select(Order)))


def test_an_ordinary_clients_order_is_placed_end_to_end_and_found_in_sql(
    app: AppTest, session_factory
) -> None:
    _caller(app, "kovacevic")
    assert "Take the order" in app.success[0].value
    _add(app, "maslinovo ulje", 12)
    _add(app, "secer kristal", 5)
    assert "Total €112.00" in " ".join(m.value for m in app.markdown)
    place(app)
    assert not app.exception
    (order,) = _orders(session_factory)
    assert order.total == Decimal("112.00") and order.price_column == "C"
    assert {(li.sku, li.qty) for li in order.lines} == {("OIL", 12), ("SUGAR", 5)}
    assert any(order.order_no in s.value for s in app.success)
    with session_factory() as s:
        call = s.scalars(select(Call)).one()
        assert call.outcome == "order_placed" and order.call_id == call.id
        # The logged-in user is the operator on the call and the order.
        assert call.operator == order.operator == "ana"
        accepted = s.scalars(select(OfferMade.sku).where(OfferMade.accepted.is_(True))).all()
    assert "OIL" in accepted  # offered as traditional, then ordered (R11, R12)


def test_a_key_client_with_an_absent_kam_is_routed_to_the_other_kam(
    app: AppTest, session_factory
) -> None:
    _caller(app, "01/234-5678")
    assert "Transfer to Person KAM2" in app.warning[0].value
    app.button(key="transfer").click().run()
    with session_factory() as s:
        call = s.scalars(select(Call)).one()
    assert call.outcome == "transferred" and call.transferred_to_id is not None
    assert "Call closed: transferred to Person KAM2" in app.success[-1].value


def test_a_blocked_client_finds_the_order_form_locked(app: AppTest) -> None:
    _caller(app, "D1")
    assert "Credit blocked" in app.error[0].value and "INV-7" in app.error[0].value
    assert any("Order form locked" in i.value for i in app.info)
    assert not [t for t in app.text_input if t.key == "product_query"]
    assert not [b for b in app.button if b.key == "place"]
    assert app.button(key="transfer").label == "Transfer to Person MGR"


def test_a_regional_client_must_give_pickup_or_shipping_details(
    app: AppTest, session_factory
) -> None:
    _caller(app, "R1")
    _add(app, "secer kristal", 3)
    place(app)
    assert _orders(session_factory) == []
    assert any("R17" in e.value for e in app.error)
    app.radio(key="regional_mode").set_value("ship to the client").run()
    app.text_area(key="ship_to").input("Split, Put Brodarice 6").run()
    place(app)
    (order,) = _orders(session_factory)
    assert order.ship_to == "Split, Put Brodarice 6"


def test_a_rejected_submit_keeps_every_line_and_field(app: AppTest, session_factory) -> None:
    _caller(app, "M1")
    _add(app, "maslinovo ulje", 7)  # not whole packs of 6
    _add(app, "secer kristal", 2)
    app.selectbox(key="payment").set_value("cash on delivery").run()
    app.text_input(key="order_notes").input("Ring twice").run()
    place(app)
    assert _orders(session_factory) == []
    call = app.session_state["live_call"]
    assert "packs of 6" in call.problems["lines[OIL]"]
    grid = app.dataframe[0].value
    assert "packs of 6" in " ".join(grid["Check"])
    assert call.lines == {"OIL": Decimal(7), "SUGAR": Decimal(2)}
    assert app.selectbox(key="payment").value == "cash on delivery"
    assert app.text_input(key="order_notes").value == "Ring twice"


def test_a_double_submit_makes_one_order(app: AppTest, session_factory) -> None:
    _caller(app, "M1")
    _add(app, "secer kristal", 4)
    place(app)
    first = _orders(session_factory)[0].order_no
    # The second click of a double click arrives as if the first answer was not seen yet.
    app.session_state["live_call"].placed_order_no = None
    app.run()
    place(app)
    assert [o.order_no for o in _orders(session_factory)] == [first]
    assert any(first in s.value for s in app.success)


def test_quantities_are_edited_and_lines_removed_in_the_grid(app: AppTest) -> None:
    _caller(app, "M1")
    _add(app, "maslinovo ulje", 6)
    _add(app, "secer kristal", 2)
    call = app.session_state["live_call"]
    key = f"lines-{call.editor_version}"
    app.session_state[key] = {
        "edited_rows": {0: {"Qty": 18}},
        "added_rows": [],
        "deleted_rows": [1],
    }
    app.run()
    assert not app.exception
    assert app.session_state["live_call"].lines == {"OIL": Decimal(18)}
    assert "Total €162.00" in " ".join(m.value for m in app.markdown)


def test_a_placed_order_leaves_the_form_read_only_with_the_next_steps_first(
    app: AppTest, session_factory
) -> None:
    _caller(app, "M1")
    _add(app, "secer kristal", 4)
    app.selectbox(key="payment").set_value("cash on delivery").run()
    place(app)
    (order,) = _orders(session_factory)
    assert any(order.order_no in s.value for s in app.success)
    # Nothing can be changed any more: the fields keep what was agreed and are disabled.
    assert app.selectbox(key="payment").value == "cash on delivery"
    for field in (
        app.text_input(key="product_query"),
        app.date_input(key="delivery_date"),
        app.selectbox(key="receiver"),
        app.selectbox(key="delivery_window"),
        app.selectbox(key="payment"),
        app.button_group(key="documents"),
        app.text_input(key="order_notes"),
    ):
        assert field.disabled, field.key
    assert not [b for b in app.button if b.key == "place" and not b.disabled]
    primary = {b.label for b in app.button if b.proto.type == "primary" and not b.disabled}
    assert {"Another order for this client", "New call"} <= primary


def test_another_order_for_the_same_client_opens_an_empty_editable_form(app: AppTest) -> None:
    _caller(app, "M1")
    _add(app, "secer kristal", 4)
    place(app)
    app.button(key="next_order").click().run()
    assert not app.exception
    assert not app.text_input(key="product_query").disabled
    assert app.session_state["live_call"].lines == {}


@pytest.mark.parametrize("button", ["placed_new_call", "next_call"])
def test_a_new_call_after_an_order_starts_with_an_empty_caller_box(
    app: AppTest, button: str
) -> None:
    _caller(app, "M1")
    _add(app, "secer kristal", 4)
    place(app)
    app.button(key=button).click().run()
    assert not app.exception
    assert app.text_input(key="caller_query").value == ""
    assert app.session_state["live_call"].call_id is None
    assert any("Type the caller" in c.value for c in app.caption)


def _standard(app: AppTest) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Standard:"))


def test_the_compliance_meter_ticks_a_kind_once_the_client_answered_one_of_its_items(
    app: AppTest,
) -> None:
    _caller(app, "kovacevic")
    assert "✗ traditional products reminded" in _standard(app)
    assert "✓ delivery agreed" in _standard(app)  # the form proposes tomorrow
    app.button(key="no-traditional-OIL").click().run()
    assert not app.exception, app.exception
    assert "✓ traditional products reminded" in _standard(app)
    assert "✗" in _standard(app) or "add-ons offered" not in _standard(app)
