"""The live call speaks the session's language: labels, money, and nothing lost on a switch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant import formats
from assistant.i18n import use_language
from tests import factories as f
from tests.ui.steps import logged_in, place

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def app(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A market trader (column C) and two products, one dear enough for a thousands mark."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        f.product(s, "SUGAR", name="Šećer kristal 1 kg", prices={"A": "1", "B": "0.9", "C": "0.8"})
        f.product(s, "HAM", name="Pršut dalmatinski", prices=dict.fromkeys("ABC", "1234.56"))
    return logged_in(AppTest.from_file(APP, default_timeout=30))


@pytest.fixture
def speak() -> Iterator[ExitStack]:
    with ExitStack() as stack:
        yield stack


def _switch(app: AppTest, language: str, stack: ExitStack) -> None:
    """The session picks `language`, as the sidebar's switcher does, and the page reruns.

    AppTest formats a selectbox's options again in the test's own thread (the script
    runs in another): the test thread speaks the language the page was drawn in.
    """
    app.session_state["language"] = language
    app.run()
    stack.enter_context(use_language(language))


def _start(app: AppTest, language: str, stack: ExitStack) -> None:
    _switch(app, language, stack)
    app.text_input(key="caller_query").input("M1").run()
    assert not app.exception, app.exception


def _add(app: AppTest, query: str, sku: str, qty: float) -> None:
    app.text_input(key="product_query").input(query).run()
    app.text_input(key=f"qty-{sku}").input(f"{qty:g}")
    # The form's submit button has no key of its own: the only primary button in a form.
    next(b for b in app.button if b.proto.is_form_submitter).click().run()
    assert not app.exception, app.exception


def _text(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown).replace(NBSP, " ")


def test_an_order_and_the_caller_survive_a_switch_to_croatian(
    app: AppTest, speak: ExitStack
) -> None:
    _start(app, "en", speak)
    _add(app, "secer", "SUGAR", 4)
    app.selectbox(key="payment").set_value("cash on delivery").run()
    app.text_input(key="order_notes").input("Ring twice").run()
    assert app.text_input(key="product_query").label == "Add product"
    assert "Total €3.20" in _text(app) and "1 line" in _text(app)

    _switch(app, "hr", speak)
    assert not app.exception, app.exception

    # Nothing typed or ordered is lost...
    assert app.text_input(key="caller_query").value == "M1"
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal(4)}
    assert list(app.dataframe[0].value["SKU"]) == ["SUGAR"]
    assert app.selectbox(key="payment").value == "cash on delivery"
    assert app.text_input(key="order_notes").value == "Ring twice"
    assert app.button_group(key="purpose").value == "order"
    # ...and the screen now reads in Croatian, with Croatian money.
    assert app.text_input(key="caller_query").label == "Pozivatelj"
    assert app.text_input(key="product_query").label == "Dodaj artikl"
    assert app.selectbox(key="payment").label == "Plaćanje"
    assert app.button(key="place").label == "Zaprimi narudžbu"
    assert app.button(key="new_call").label == "Novi poziv"
    assert "Ukupno 3,20 €" in _text(app) and "1 stavka" in _text(app)
    assert "Ponuda" in _text(app) and "Narudžba" in _text(app)

    # And back: the same order, in English again.
    _switch(app, "en", speak)
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal(4)}
    assert app.button(key="place").label == "Place order"


@pytest.mark.parametrize(
    ("language", "total", "lines"),
    [("hr", "1.234,56 €", "1 stavka"), ("en", "€1,234.56", "1 line")],
)
def test_money_on_the_live_call_reads_in_the_languages_format(
    app: AppTest, speak: ExitStack, language: str, total: str, lines: str
) -> None:
    _start(app, language, speak)
    _add(app, "prsut", "HAM", 1)
    assert formats.money(Decimal("1234.56"), language=language).replace(NBSP, " ") == total
    text = _text(app)
    assert total in text and lines in text
    grid = app.dataframe[0].value
    assert [p.replace(NBSP, " ") for p in grid[grid.columns[4]]] == [total]  # unit price
    assert [t.replace(NBSP, " ") for t in grid[grid.columns[5]]] == [total]  # line total


def test_croatian_counts_take_three_forms(app: AppTest, speak: ExitStack) -> None:
    _start(app, "hr", speak)
    _add(app, "secer", "SUGAR", 2)
    _add(app, "prsut", "HAM", 1)
    assert "2 stavke" in _text(app)


def _type_qty(app: AppTest, query: str, sku: str, typed: str) -> None:
    app.text_input(key="product_query").input(query).run()
    app.text_input(key=f"qty-{sku}").input(typed)
    next(b for b in app.button if b.proto.is_form_submitter).click().run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("language", ["hr", "en"])
def test_a_quantity_typed_with_either_decimal_mark_means_the_same(
    app: AppTest, speak: ExitStack, language: str
) -> None:
    _start(app, language, speak)
    _type_qty(app, "secer", "SUGAR", "1,5")
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal("1.5")}
    _type_qty(app, "pršut", "HAM", "2.5")
    assert app.session_state["live_call"].lines["HAM"] == Decimal("2.5")


def test_a_quantity_that_is_not_a_number_is_refused_and_nothing_typed_is_lost(
    app: AppTest, speak: ExitStack
) -> None:
    _start(app, "hr", speak)
    _type_qty(app, "secer", "SUGAR", "1,2,3")
    assert app.session_state["live_call"].lines == {}
    assert any("1.234,5" in e.value for e in app.error)  # says how to type it, in Croatian
    assert app.text_input(key="product_query").value == "secer"
    assert app.text_input(key="qty-SUGAR").value == "1,2,3"
    _type_qty(app, "secer", "SUGAR", "12")
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal(12)}
    assert not app.error


def test_the_placed_order_is_read_back_in_croatian_words_and_formats(
    app: AppTest, speak: ExitStack
) -> None:
    _start(app, "hr", speak)
    _type_qty(app, "pršut", "HAM", "1")
    place(app)
    assert not app.exception, app.exception
    order_no = app.session_state["live_call"].placed_order_no
    lines = [m.value.replace(NBSP, " ") for m in app.markdown if m.value.startswith("**Recite:**")]
    said = lines[-1]  # after the card's line
    assert f"Ponavljam narudžbu {order_no}" in said
    assert "ukupno 1.234,56 €" in said and "isporuka " in said
    # The card's line was the first thing to say: take the order.
    assert any("Izvolite" in m.value for m in app.markdown)
