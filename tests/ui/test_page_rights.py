"""Each role is listed only the pages it may use (AppTest); the services refuse the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests import factories as f
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A key client a trainee must never see."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "K1", type="key", manager=f.manager(s, "KAM"), name="Hotel Jadran")
    return AppTest.from_file(APP, default_timeout=30)


def _drawn(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "info", "caption") for e in at.get(kind))


def test_a_trainee_gets_the_training_page_and_no_client_data(app: AppTest) -> None:
    at = logged_in(app, name="nova", roles=("trainee",)).run()
    assert not at.exception
    assert at.selectbox(key="training_scenario")  # the scenario picker
    assert "Hotel Jadran" not in _drawn(at)
    assert not [t for t in at.text_input if t.key == "caller_query"]  # no real caller box
    for page in ("call.py", "orders.py", "calls.py", "clients.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"assistant/ui/pages/{page}")


def test_a_head_without_the_operator_role_has_no_live_call_and_no_place_order(
    app: AppTest,
) -> None:
    at = logged_in(app, name="boss", roles=("head",)).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "place"]
    assert at.text_input(key="orders_client")  # the head opens on the orders
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("assistant/ui/pages/call.py")
    # Client data is the head's to read all the same.
    at.switch_page("assistant/ui/pages/clients.py").run()
    assert not at.exception


def test_an_operator_opens_on_the_live_call(app: AppTest) -> None:
    at = logged_in(app, name="ana", roles=("operator",)).run()
    assert not at.exception
    assert at.text_input  # the caller box
    assert not [s for s in at.selectbox if s.key == "training_scenario"]
