"""The script panel leads the call: what to say now and next, steps that tick themselves,
one-click ticks for the rest, and one click to say why an order goes with something undone."""

from __future__ import annotations

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from assistant.calls.models import Call
from assistant.orders.models import Order
from assistant.script.shipped import shipped
from assistant.ui.call_script import WHOLE_KEY
from tests.ui import test_live_call as live
from tests.ui.steps import IN_A_HURRY, place

app = live.app  # the live call's small company, as a fixture of this module too
_add, _caller = live._add, live._caller


def _panel(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown if m.value.startswith("**Say now**"))


def _next(app: AppTest) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Next:"))


def _open_whole_script(app: AppTest) -> str:
    """Show the whole script; its rows as one text."""
    app.toggle(key=WHOLE_KEY).set_value(True).run()
    return " ".join(m.value for m in app.markdown)


def _call(session_factory) -> Call:
    with session_factory() as s:
        return s.scalars(select(Call)).one()


def test_the_panel_says_the_step_now_and_the_next_with_the_clients_name(
    app: AppTest, session_factory
) -> None:
    _caller(app, "kovacevic")
    # Greeting, identification and the credit check tick themselves: the card shows them.
    assert "Certainly, Obrt Kovačević, what can I prepare for you today?" in _panel(app)
    assert "your usual" in _next(app) and "Maslinovo ulje 1 l" in _next(app)
    assert "{" not in _panel(app) + _next(app)
    script = shipped(wanted="en").value
    assert _call(session_factory).script_version == script.version  # the version followed


def _offered_everything(app: AppTest) -> None:
    """The usual oil on the order, every add-on declined: the desk's own steps are done."""
    _add(app, "maslinovo ulje", 12)
    for key in [b.key for b in app.button if b.key.startswith("no-addon-")]:
        app.button(key=key).click().run()


def test_a_step_the_desk_cannot_see_is_ticked_with_one_click_and_kept_with_the_call(
    app: AppTest, session_factory
) -> None:
    _caller(app, "kovacevic")
    _offered_everything(app)
    assert "Your prices are from column C" in _panel(app)  # R14: only the operator knows
    app.button(key="script_tick_now").click().run()
    assert not app.exception, app.exception
    assert "discount programmes" in _panel(app)
    assert _call(session_factory).script_ticked == ["discounts"]
    # The whole script lists it ticked, and unticking it there puts it back first.
    _open_whole_script(app)
    app.checkbox(key="script_tick-discounts").uncheck().run()
    assert "Your prices are from column C" in _panel(app)
    assert _call(session_factory).script_ticked == []


def test_a_line_on_the_order_ticks_order_taking_by_itself(app: AppTest) -> None:
    _caller(app, "kovacevic")
    _add(app, "secer kristal", 2)
    # Order taking is done: the panel moves on to the client's usual oil.
    assert "your usual" in _panel(app) and "Maslinovo ulje 1 l" in _panel(app)
    assert not [c for c in app.checkbox if c.key.startswith("script_tick-")]  # drawn when open
    assert "✓ `R10`" in _open_whole_script(app)


def test_placing_with_the_standard_incomplete_asks_for_a_reason_and_records_it(
    app: AppTest, session_factory
) -> None:
    _caller(app, "kovacevic")
    _add(app, "secer kristal", 2)  # the usual oil is never mentioned (R11)
    place(app, reason=None)
    assert not app.exception, app.exception
    with session_factory() as s:
        assert s.scalars(select(Order)).all() == []
    refusal = " ".join(e.value for e in app.error)
    assert "traditional products reminded" in refusal and "reason" in refusal
    assert app.session_state["live_call"].lines  # nothing entered is lost

    place(app, reason=IN_A_HURRY)
    with session_factory() as s:
        (order,) = s.scalars(select(Order)).all()
    skipped = _call(session_factory).skipped
    assert skipped is not None and skipped["R11"] == IN_A_HURRY
    assert "– `R11`" in _open_whole_script(app)  # the script shows the step as skipped
    assert order.call_id == _call(session_factory).id


def test_with_everything_offered_no_reason_is_asked(app: AppTest, session_factory) -> None:
    _caller(app, "kovacevic")
    _add(app, "maslinovo ulje", 12)  # the traditional item, on the order
    app.button_group(key="documents").set_value(["invoice"]).run()
    app.selectbox(key="payment").set_value("cash on delivery").run()
    for key in [b.key for b in app.button if b.key.startswith("no-addon-")]:
        app.button(key=key).click().run()  # the add-ons offered, and declined
    assert not [b for b in app.button_group if (b.key or "").startswith("skip_reason")]
    place(app, reason=None)
    with session_factory() as s:
        assert len(s.scalars(select(Order)).all()) == 1
    assert _call(session_factory).skipped is None
