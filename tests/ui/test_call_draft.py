"""Draft recovery after a simulated process loss (issue 13).

Each AppTest is a new browser session; clearing st.cache_resource first rebuilds the
desk's services, so nothing of the first session's process memory is left: what the
second finds came from SQL.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.calls.models import CallDraft
from assistant.orders.models import Order
from assistant.ui.state import CALL_KEY, LIVE_KEY
from tests import factories as f
from tests.ui.steps import logged_in, place

SECRET = "a long enough secret"
APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def company(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Marketer M1 and two products: enough for a call to an order."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, name="Obrt Kovačević")
        f.product(s, "OIL", name="Maslinovo ulje 1 l", pack_size=Decimal(6),
                  prices={"A": "10", "B": "9.5", "C": "9"})  # fmt: skip
        f.product(s, "SUGAR", name="Šećer kristal 1 kg", prices={"A": "1", "B": "0.9", "C": "0.8"})


def _session(*, name: str = "ana", call: str | None = None, live: bool = False) -> AppTest:
    """A new browser session on a new process: the services are built again."""
    st.cache_resource.clear()
    app = logged_in(AppTest.from_file(APP, default_timeout=30), name=name)
    if call is not None:
        app.query_params["call"] = call
    if live:
        app.session_state[LIVE_KEY] = True  # the first page is on screen (call_caller)
    app.run()
    assert not app.exception, app.exception
    return app


def _add(app: AppTest, query: str, sku: str, qty: str) -> None:
    app.text_input(key="product_query").input(query).run()
    app.text_input(key=f"qty-{sku}").input(qty)
    next(b for b in app.button if b.label == "Add line").click().run()
    assert not app.exception, app.exception


def _work_a_call() -> str:
    """Session 1: the caller, two lines, a delivery window; returns the call in the URL."""
    app = _session()
    app.text_input(key="caller_query").input("kovacevic").run()
    _add(app, "maslinovo ulje", "OIL", "12")
    _add(app, "secer kristal", "SUGAR", "5")
    app.selectbox(key="delivery_window").set_value("12-16").run()
    assert not app.exception, app.exception
    call = app.query_params["call"]
    assert call == str(app.session_state[CALL_KEY].call_id)
    return str(call)


def _count(session_factory, model: type) -> int:
    with session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_call_reopens_on_a_new_process_with_its_draft_and_places_once(
    company, session_factory
) -> None:
    call = _work_a_call()
    app = _session(call=call)  # the reload, onto a process that never saw the call
    assert app.text_input(key="caller_query").value == "kovacevic"
    live = app.session_state[CALL_KEY]
    assert live.lines == {"OIL": Decimal(12), "SUGAR": Decimal(5)}
    assert app.selectbox(key="delivery_window").value == "12-16"
    assert "Total €112.00" in " ".join(m.value for m in app.markdown)
    place(app)
    assert not app.exception, app.exception
    (order_no,) = [o for o in _order_nos(session_factory)]
    assert any(order_no in s.value for s in app.success)
    # Reloaded again after placing: the placed order is shown, with nothing to place.
    again = _session(call=call)
    assert any(order_no in s.value for s in again.success)
    assert not [b for b in again.button if b.key == "place"]
    assert _count(session_factory, Order) == 1
    with session_factory() as s:
        draft = s.scalars(select(CallDraft)).one()
        assert draft.order_id is not None and draft.draft["form"]["delivery_window"] == "12-16"
    again.button(key="placed_new_call").click().run()  # the next call: the address forgets
    assert "call" not in again.query_params
    assert again.text_input(key="caller_query").value == ""


def _order_nos(session_factory) -> list[str]:
    with session_factory() as s:
        return [o.order_no for o in s.scalars(select(Order))]


def test_the_operator_is_offered_their_open_call_and_others_calls_are_refused(
    company, session_factory
) -> None:
    call = _work_a_call()
    other = _session(name="iva", call=call)
    assert any("another operator's call" in e.value for e in other.error)
    assert other.text_input(key="caller_query").value == ""
    assert "call" not in other.query_params
    app = _session(live=True)  # the reload lost the address: the page offers the call
    (offer,) = [b for b in app.button if b.key == "reopen_draft"]
    assert "Reopen your open call from" in offer.label and "kovacevic" in offer.label
    offer.click().run()
    assert not app.exception, app.exception
    assert app.session_state[CALL_KEY].lines == {"OIL": Decimal(12), "SUGAR": Decimal(5)}
    assert app.query_params["call"] == call
    assert _count(session_factory, CallDraft) == 1 and _count(session_factory, Order) == 0


def test_the_call_in_the_address_reopens_once_the_operator_has_logged_in(company, services) -> None:
    call = _work_a_call()
    services.users.add(
        actor=Actor.system(), name="ana", roles=["operator"], password=SECRET, language="en"
    )
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["call"] = call  # the reload, onto a process that has no session yet
    app.run()
    app.text_input(key="login_name").input("ana")
    app.text_input(key="login_password").input(SECRET)
    app.button[0].click().run()
    assert not app.exception, app.exception
    assert app.text_input(key="caller_query").value == "kovacevic"
    assert app.session_state[CALL_KEY].lines == {"OIL": Decimal(12), "SUGAR": Decimal(5)}


def test_a_stale_address_after_new_call_does_not_bring_the_old_call_back(company) -> None:
    """The browser sends the next rerun before it has dropped `?call=ID` from its address:
    the call the operator has just left must not come back over the new one."""
    app = _session()
    app.text_input(key="caller_query").input("kovacevic").run()
    _add(app, "maslinovo ulje", "OIL", "12")
    place(app)
    old = app.query_params["call"]
    app.button(key="placed_new_call").click().run()
    assert "call" not in app.query_params
    app.query_params["call"] = old  # the rerun that still carried the old address
    app.text_input(key="caller_query").input("kovacevic").run()
    assert not app.exception, app.exception
    live = app.session_state[CALL_KEY]
    assert str(live.call_id) != old and live.placed_order_no is None and not live.lines
    assert app.query_params["call"] == str(live.call_id)
