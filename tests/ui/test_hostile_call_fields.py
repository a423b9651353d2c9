"""Hostile text in every box of the live call page: the caller, the product search, the
quantity, the order's texts and the wrap-up note. Each is stored verbatim or refused with a
reason, and nothing typed before is lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from assistant.calls.models import Call
from assistant.catalog.models import Price, PriceColumn, Product
from assistant.orders.models import Order
from tests.ui import test_live_call as live
from tests.ui.hostile import HOSTILE, SHORT, calm, said
from tests.ui.steps import place

app = live.app
__all__ = ["app"]

# Every hostile text but the NUL, in one: what an order's text field stores as typed.
MIXED = " ".join(v for k, v in SHORT.items() if k != "control")
# Refused with a reason: a NUL (PostgreSQL cannot store it) and 100 kB.
REFUSED = {
    HOSTILE["control"]: "holds a NUL character (0x00)",
    HOSTILE["huge"]: "characters long: shorten it to",
}


@pytest.fixture
def typed_options(monkeypatch: pytest.MonkeyPatch) -> None:
    """A select box sends a typed-in option as the browser does: its text, not an index.

    AppTest knows only the listed options of a box with accept_new_options; the desk's
    receiver and delivery window take any text typed.
    """

    def sent(self: Selectbox) -> WidgetState:
        state = WidgetState()
        state.id = self.id
        if self.value is not None:
            shown = str(self.format_func(self.value))
            state.string_value = shown if shown in self.options else str(self.value)
        return state

    monkeypatch.setattr(Selectbox, "_widget_state", property(sent))


def _with_a_line(app: AppTest, caller: str = "M1") -> AppTest:
    live._caller(app, caller)
    live._add(app, "secer kristal", 5)
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal(5)}
    return app


def _orders(session_factory) -> list[Order]:
    with session_factory() as s:
        return list(s.scalars(select(Order)))


def _refused_then_stored(app: AppTest, session_factory, field: str, type_in) -> Order:
    """Place with each refused text (the page says why; lines and text stay), then with
    MIXED, which the order stores as typed. Returns the order."""
    for text, reason in REFUSED.items():
        type_in(text)
        calm(place(app))
        assert _orders(session_factory) == []
        assert reason in said(app), said(app)[:300]
        assert app.session_state["live_call"].lines == {"SUGAR": Decimal(5)}
        assert app.session_state[field] == text
    type_in(MIXED)
    calm(place(app))
    orders = _orders(session_factory)
    assert len(orders) == 1, app.session_state["live_call"].problems
    return orders[0]


def test_the_caller_box_keeps_hostile_text_and_finds_nobody(app: AppTest) -> None:
    app.run()
    for text in HOSTILE.values():
        calm(app.text_input(key="caller_query").input(text).run())
        assert app.text_input(key="caller_query").value == text
        assert any(m.value == "#### New caller" for m in app.markdown), repr(text[:40])


def test_the_product_search_finds_nothing_for_hostile_text_and_keeps_the_draft(
    app: AppTest,
) -> None:
    _with_a_line(app)
    for text in HOSTILE.values():
        calm(app.text_input(key="product_query").input(text).run())
        assert app.text_input(key="product_query").value == text
        if text.strip("+-") != "1":  # "+1" and "-1" are digits a SKU may hold
            assert any("No product matches" in c.value for c in app.caption), repr(text[:40])
        assert app.session_state["live_call"].lines == {"SUGAR": Decimal(5)}


def test_a_hostile_quantity_is_refused_and_the_product_stays(app: AppTest) -> None:
    live._caller(app, "M1")
    app.text_input(key="product_query").input("secer kristal").run()
    for text in HOSTILE.values():
        if text == "+1":
            continue  # a plus sign and a digit: a number, added below
        app.text_input(key="qty-SUGAR").input(text)
        calm(next(b for b in app.button if b.label == "Add line").click().run())
        assert app.session_state["live_call"].lines == {}
        assert "not a number" in said(app) or "above zero" in said(app), said(app)[:300]
        assert app.text_input(key="product_query").value == "secer kristal"
        assert app.text_input(key="qty-SUGAR").value == text
    app.text_input(key="qty-SUGAR").input("+1")
    calm(next(b for b in app.button if b.label == "Add line").click().run())
    assert app.session_state["live_call"].lines == {"SUGAR": Decimal(1)}


def test_hostile_warehouse_notes_are_refused_with_a_reason_or_stored(
    app: AppTest, session_factory
) -> None:
    _with_a_line(app)
    box = lambda text: app.text_input(key="order_notes").input(text).run()  # noqa: E731
    assert _refused_then_stored(app, session_factory, "order_notes", box).notes == MIXED


@pytest.mark.usefixtures("typed_options")
def test_a_hostile_receiver_typed_in_is_refused_with_a_reason_or_stored(
    app: AppTest, session_factory
) -> None:
    _with_a_line(app)

    def typed(text: str) -> None:
        app.selectbox(key="receiver").set_value(text).run()

    assert _refused_then_stored(app, session_factory, "receiver", typed).receiver == MIXED


@pytest.mark.usefixtures("typed_options")
def test_a_hostile_delivery_window_typed_in_is_refused_or_stored(
    app: AppTest, session_factory
) -> None:
    _with_a_line(app)

    def typed(text: str) -> None:
        app.selectbox(key="delivery_window").set_value(text).run()

    window = MIXED[:60]  # the window's limit; longer is refused like the 100 kB text
    REFUSED_HERE = {**REFUSED, MIXED: "characters long: shorten it to 60"}  # noqa: N806
    for text, reason in REFUSED_HERE.items():
        typed(text)
        calm(place(app))
        assert _orders(session_factory) == [] and reason in said(app), said(app)[:300]
        assert app.session_state["live_call"].lines == {"SUGAR": Decimal(5)}
    typed(window)
    calm(place(app))
    (order,) = _orders(session_factory)
    assert order.delivery_window == window


def test_a_hostile_shipping_address_is_refused_with_a_reason_or_stored(
    app: AppTest, session_factory
) -> None:
    _with_a_line(app, "R1")
    app.radio(key="regional_mode").set_value("ship to the client").run()
    box = lambda text: app.text_area(key="ship_to").input(text).run()  # noqa: E731
    assert _refused_then_stored(app, session_factory, "ship_to", box).ship_to == MIXED


def test_a_hostile_reason_to_override_the_route_is_refused_or_stored(
    app: AppTest, session_factory
) -> None:
    with session_factory.begin() as s:  # the key client buys in column D
        sugar = s.scalars(select(Product).where(Product.sku == "SUGAR")).one()
        column = s.scalars(select(PriceColumn).where(PriceColumn.code == "D")).one()
        s.add(Price(product_id=sugar.id, column_id=column.id, price=Decimal("0.7")))
    _with_a_line(app, "K1")  # a key client whose KAM is away: routing says transfer
    app.checkbox(key="override").check().run()
    box = lambda text: app.text_input(key="override_reason").input(text).run()  # noqa: E731
    order = _refused_then_stored(app, session_factory, "override_reason", box)
    assert order.route_override_reason == MIXED


def test_a_hostile_wrap_up_note_is_refused_with_a_reason_or_stored(
    app: AppTest, session_factory
) -> None:
    live._caller(app, "M1")
    app.text_input(key="call_note").input(HOSTILE["control"]).run()
    calm(app.button(key="outcome-no_order").click().run())
    assert "holds a NUL character (0x00)" in said(app)
    assert app.text_input(key="call_note").value == HOSTILE["control"]
    stored = MIXED + " " + HOSTILE["huge"]  # no limit: a long note is the client's words
    app.text_input(key="call_note").input(stored).run()
    calm(app.button(key="outcome-no_order").click().run())
    with session_factory() as s:
        call = s.scalars(select(Call)).one()
    assert call.outcome == "no_order" and call.notes == stored
    assert "Call closed: no order." in said(app, "success")


def test_a_hostile_quantity_typed_in_the_lines_grid_shows_in_the_lines_check(
    app: AppTest,
) -> None:
    _with_a_line(app)
    call = app.session_state["live_call"]
    for text in SHORT.values():
        if text == "+1":
            continue
        app.session_state[f"lines-{call.editor_version}"] = {
            "edited_rows": {0: {"Qty": text}},
            "added_rows": [],
            "deleted_rows": [],
        }
        calm(app.run())
        check = " ".join(app.dataframe[0].value["Check"])
        assert call.lines.keys() == {"SUGAR"}
        assert "not a number" in check or "more than 0" in check, (text, check)
