"""The Calls page (R1) in AppTest: the log, its filters, offers made and accepted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import factories as f
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/calls.py"


@pytest.fixture
def calls(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """An order call with two offers (one taken), a transferred complaint, an info call."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        m1 = f.client(s, "M1", manager=mgr)
        k1 = f.client(s, "K1", type="key", manager=mgr)
        f.product(s, "OIL", prices={"A": "10"})
        f.product(s, "SALT", prices={"A": "1"})
    log = services.calls
    order = log.start(actor=f.acting("ana"), phone=None, client_id=m1.id)
    log.record_offers(call_id=order, offers=[("OIL", "new"), ("SALT", "addon")], actor=f.acting())
    log.answer_offer(call_id=order, sku="OIL", accepted=True, actor=f.acting())
    log.answer_offer(call_id=order, sku="SALT", accepted=False, actor=f.acting())
    log.finish(call_id=order, outcome="order_placed", actor=f.acting())
    complaint = log.start(actor=f.acting("ivo"), phone=None, client_id=k1.id, purpose="complaint")
    log.finish(
        call_id=complaint,
        outcome="transferred",
        transferred_to="MGR",
        notes="late van",
        actor=f.acting(),
    )
    info = log.start(actor=f.acting("ivo"), phone="+385911112222", client_id=None, purpose="info")
    log.finish(call_id=info, outcome="info_given", actor=f.acting())
    return services


def _page() -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=30)).run()
    return at.switch_page(PAGE).run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_call_log_counts_calls_orders_transfers_and_offers_R26(calls: Any) -> None:
    at = _page()
    assert not at.exception
    assert _metrics(at) == {
        "Calls": "3",
        "Orders placed": "1",
        "Transfers": "1",
        "Offers made": "2",
        "Offers accepted": "1",
    }


def test_each_call_shows_what_was_offered_accepted_and_declined_R12(calls: Any) -> None:
    at = _page()
    table = at.dataframe[0].value
    order = table[table["caller"] == "M1"].iloc[0]
    assert order["offered"] == "new OIL, add-on SALT"
    assert order["accepted"] == "OIL" and order["declined"] == "SALT"
    complaint = table[table["caller"] == "K1"].iloc[0]
    assert complaint["transferred_to"] == "MGR" and complaint["notes"] == "late van"
    assert "+385911112222" in set(table["caller"])


def test_filters_narrow_both_the_log_and_its_figures(calls: Any) -> None:
    at = _page()
    at.selectbox(key="calls_operator").select("ivo").run()
    assert set(at.dataframe[0].value["caller"]) == {"K1", "+385911112222"}
    assert _metrics(at)["Calls"] == "2" and _metrics(at)["Offers made"] == "0"
    at.selectbox(key="calls_purpose").select("complaint").run()
    assert list(at.dataframe[0].value["caller"]) == ["K1"]
    at.selectbox(key="calls_operator").select("all")
    at.selectbox(key="calls_purpose").select("all")
    at.selectbox(key="calls_outcome").select("order_placed")
    at.text_input(key="calls_client").input("m1").run()
    assert list(at.dataframe[0].value["caller"]) == ["M1"]


def test_days_without_calls_show_a_message_not_an_empty_table(calls: Any) -> None:
    at = _page()
    at.date_input(key="calls_dates").set_value((f.date(2020, 1, 1), f.date(2020, 1, 31))).run()
    assert not at.exception
    assert "No calls match" in at.info[0].value
    assert _metrics(at)["Calls"] == "0"


def test_the_reasons_a_call_left_the_standard_undone_show_with_its_script(calls: Any) -> None:
    from sqlalchemy import select

    from assistant.calls.models import Call

    with calls.sessions.begin() as s:
        order = s.scalars(select(Call).where(Call.operator == "ana")).one()
        order.script_version, order.skipped = "abc123", {"R12": "client in a hurry"}
    grid = _page().dataframe[0].value
    row = grid[grid["operator"] == "ana"].iloc[0]
    assert row["skipped"] == "R12: client in a hurry"
    assert row["script"] == "abc123"
