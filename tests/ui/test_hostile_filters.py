"""Hostile text in the search and filter boxes of Clients, Orders, Calls, Audit and Ask, and
in the login form: the page answers with "nothing found" or a reason, never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant.ui.session_user import ACTOR_KEY
from tests.ui import test_assistant_page, test_calls_page, test_clients_page, test_orders_page
from tests.ui.hostile import HOSTILE, calm, said
from tests.ui.steps import logged_in
from tests.ui.test_login import PASSWORD, _log_in
from tests.ui.test_login import desk as login_desk

clients = test_clients_page.clients
orders = test_orders_page.orders
calls = test_calls_page.calls
ask_desk = test_assistant_page.desk
__all__ = ["ask_desk", "calls", "clients", "login_desk", "orders"]

APP = test_clients_page.APP
VALUES = pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())


def _page(page: str) -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    return calm(at.switch_page(page).run())


@VALUES
def test_the_clients_search_finds_nobody_and_says_so(clients: Any, text: str) -> None:
    at = calm(_page(test_clients_page.PAGE).text_input(key="clients_query").input(text).run())
    assert "No client has this phone, code or name." in said(at, "info")
    assert at.text_input(key="clients_query").value == text


@VALUES
def test_the_orders_client_filter_lists_no_order(orders: Any, text: str) -> None:
    at = _page(test_orders_page.PAGE)
    assert "3 orders" in at.caption[0].value
    calm(at.text_input(key="orders_client").input(text).run())
    assert at.caption[0].value.startswith("0 orders")
    assert at.text_input(key="orders_client").value == text


@VALUES
def test_the_calls_client_filter_lists_no_call(calls: Any, text: str) -> None:
    at = calm(_page(test_calls_page.PAGE).text_input(key="calls_client").input(text).run())
    assert test_calls_page._metrics(at)["Calls"] == "0"
    assert at.text_input(key="calls_client").value == text


@VALUES
def test_the_audit_user_filter_lists_no_row(calls: Any, text: str) -> None:
    at = _page("assistant/ui/pages/audit.py")
    assert at.dataframe, "the calls left audit rows"
    calm(at.text_input(key="audit_user").input(text).run())
    assert "No audit rows match these filters." in said(at, "info")
    assert at.text_input(key="audit_user").value == text


@pytest.mark.parametrize(
    "text", [HOSTILE["script"], HOSTILE["control"], HOSTILE["sql"]], ids=["script", "nul", "sql"]
)
def test_a_hostile_client_code_on_the_ask_page_is_no_client(ask_desk, text: str) -> None:
    at = _page(test_assistant_page.PAGE)
    at.text_input(key="ask_client").input(text).run()
    calm(at.chat_input(key="ask_input").set_value("When are deliveries to the islands?").run())
    assert "No client has the code" in said(at), said(at)[:300]
    assert at.text_input(key="ask_client").value == text


@pytest.mark.parametrize(
    "text", [HOSTILE["script"], HOSTILE["control"], HOSTILE["huge"]], ids=["script", "nul", "huge"]
)
def test_a_hostile_question_in_the_live_calls_ask_panel_is_no_traceback(ask_desk, text) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    calm(at.text_input(key="caller_query").input("M1").run())
    next(t for t in at.text_input if t.key == "call_ask_question").input(text)
    calm(next(b for b in at.button if b.label == "Ask").click().run())
    if len(text) > 2000:
        assert "The question is 100000 characters long: shorten it to 2000." in said(at)
    assert at.text_input(key="caller_query").value == "M1"


@VALUES
def test_a_hostile_username_is_a_wrong_username_or_password(login_desk, text: str) -> None:
    at = calm(_log_in(AppTest.from_file(APP, default_timeout=60).run(), text, PASSWORD))
    assert said(at) == "Wrong username or password."
    assert ACTOR_KEY not in at.session_state
    assert at.text_input(key="login_name").value == text  # kept for the next try


@pytest.mark.parametrize(
    "text", [HOSTILE["script"], HOSTILE["control"], HOSTILE["huge"]], ids=["script", "nul", "huge"]
)
def test_a_hostile_password_is_a_wrong_username_or_password(login_desk, text: str) -> None:
    at = calm(_log_in(AppTest.from_file(APP, default_timeout=60).run(), "ana", text))
    assert said(at) == "Wrong username or password."
    assert at.text_input(key="login_password").value == ""
