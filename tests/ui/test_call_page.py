"""The live call page in Streamlit's AppTest: type a caller, see the card."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.services import Services
from tests import factories as f
from tests.ui.steps import logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    with session_factory.begin() as s:
        f.columns(s)
        kam = f.manager(s, "KAM", role="kam", available=False)
        f.manager(s, "KAM2", role="kam")
        f.client(s, "K1", type="key", manager=kam, phone="+385 1 234 5678", name="Hotel Jadran")
        f.client(
            s,
            "M1",
            type="marketer",
            manager=f.manager(s, "MGR"),
            credit_limit=Decimal(100),
            name="Obrt Kovačević",
        )
        debtor = s.query(f.Client).filter_by(code="M1").one()
        f.receivable(s, debtor, "INV-1", "500", due=f.date(2020, 1, 1))
    return logged_in(AppTest.from_file(APP, default_timeout=30))


def test_a_key_client_found_by_phone_shows_the_transfer_to_the_other_kam(app: AppTest) -> None:
    app.run()
    app.text_input(key="caller_query").input("01/234-5678").run()
    assert not app.exception
    assert any("Hotel Jadran" in m.value for m in app.markdown)
    assert "Transfer to Person KAM2" in app.warning[0].value


def test_a_debtor_shows_credit_blocked_with_the_document(app: AppTest) -> None:
    app.run()
    app.text_input(key="caller_query").input("kovacevic").run()
    assert not app.exception
    assert "Credit blocked" in app.error[0].value and "INV-1" in app.error[0].value


def test_an_unknown_caller_is_a_new_caller(app: AppTest) -> None:
    app.run()
    app.text_input(key="caller_query").input("099 999 9999").run()
    assert any(m.value == "#### New caller" for m in app.markdown)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite:///{tmp}/empty.db", "desk init"),
        ("mysql://nobody@127.0.0.1/desk", "SQLite (default) or PostgreSQL"),
    ],
)
def test_a_database_that_is_not_ready_gets_a_clear_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, says: str
) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", url.format(tmp=tmp_path))
    st.cache_resource.clear()
    at = logged_in(AppTest.from_file(APP, default_timeout=30)).run()
    # The first page is only the caller box; the desk opens once a caller is typed.
    at.text_input(key="caller_query").input("K1").run()
    assert not at.exception
    assert says in at.error[0].value


def test_the_first_page_is_a_plain_caller_box_then_it_goes_live_and_opens_the_desk(
    app: AppTest,
) -> None:
    app.run()
    box = app.text_input(key="caller_query")
    # A plain box draws at once in a browser; a live one ~0.4 s later (bench browser).
    assert not box.proto.HasField("live_debounce_ms")
    assert app.caption[0].value.startswith("Type the caller's phone")
    assert "caller_live" not in app.session_state
    # The page's tick (a fragment with run_every, which AppTest does not fire) arms the
    # switch on its first run and turns matching as you type on at its second.
    app.session_state["caller_live_armed"] = True
    app.session_state["caller_live"] = True
    app.run()
    assert not app.exception
    assert app.text_input(key="caller_query").proto.live_debounce_ms == 150
    app.text_input(key="caller_query").input("01/234-5678").run()
    assert any("Hotel Jadran" in m.value for m in app.markdown)


class HeldWarmUp:
    """The desk's background warm-up, held back until the test lets it go."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.done = threading.Event()

    def release(self) -> None:
        self.go.set()
        assert self.done.wait(30), "the warm-up did not finish"


@pytest.fixture
def held_warm_up(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldWarmUp]:
    held = HeldWarmUp()
    real = Services.warm_up

    def warm_up(self: Services) -> None:
        held.go.wait(30)
        try:
            real(self)
        finally:
            held.done.set()

    monkeypatch.setattr(Services, "warm_up", warm_up)
    yield held
    held.go.set()  # never leave a thread waiting behind the next test


def test_after_a_start_the_caller_box_and_card_draw_while_offers_are_loading(
    app: AppTest, session_factory, held_warm_up: HeldWarmUp
) -> None:
    with session_factory.begin() as s:
        f.product(s, "OIL", name="Maslinovo ulje 1 l", prices={"A": "10", "B": "9.5", "C": "9"})
    app.run()
    assert not app.exception
    assert app.text_input(key="caller_query").label == "Caller"
    app.text_input(key="caller_query").input("01/234-5678").run()
    assert not app.exception
    assert any("Hotel Jadran" in m.value for m in app.markdown)
    assert "Transfer to Person KAM2" in app.warning[0].value
    assert any(m.value.startswith("**Price column") for m in app.markdown)
    assert any("offers: loading" in c.value for c in app.caption)
    assert any("knowledge base is loading" in c.value for c in app.caption)

    held_warm_up.release()
    app.run()
    assert not any("loading" in c.value for c in app.caption)
    assert any("Maslinovo ulje 1 l" in m.value for m in app.markdown)
