"""The Training page (AppTest): a whole practice call on the live call screen against a
sandbox, the exam without the desk's help, the cohort for heads; the live database gets
no order, call or offer from any of it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from assistant.calls.models import Call, OfferMade
from assistant.orders.models import Order
from assistant.training.models import TrainingRun
from assistant.ui import training_call, training_picker
from tests.desk_env import desk_env
from tests.ui.steps import logged_in, place

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app(
    db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AppTest:
    """The desk on an empty live database; the shipped scenarios."""
    desk_env(monkeypatch, db_url, tmp_path)
    st.cache_resource.clear()
    # Preparing a sandbox builds the demo company once per data dir: give it time.
    return AppTest.from_file(APP, default_timeout=300)


def _start(at: AppTest, scenario_id: str, mode: str = "practice") -> AppTest:
    at.selectbox(key=training_picker.SCENARIO_KEY).set_value(scenario_id).run()
    if mode != "practice":
        at.button_group(key=training_picker.MODE_KEY).set_value(mode).run()
    at.button(key="training_start").click().run()
    assert not at.exception, at.exception
    return at


def _said(at: AppTest) -> str:
    return " ".join(m.value for chat in at.chat_message for m in chat.markdown)


def _drawn(at: AppTest) -> str:
    kinds = ("markdown", "info", "success", "warning", "error", "caption")
    return " ".join(str(e.value) for kind in kinds for e in at.get(kind))


def _caller(at: AppTest, query: str) -> AppTest:
    at.text_input(key="caller_query").input(query).run()
    assert not at.exception, at.exception
    assert not [e for e in at.error if "Something went wrong" in e.value]
    return at


def _live_rows(session_factory) -> dict[str, int]:
    with session_factory() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Order, Call, OfferMade)
        }


def test_a_trainee_works_a_whole_practice_call_and_the_live_database_gets_nothing(
    app: AppTest, session_factory
) -> None:
    at = logged_in(app, name="nova", roles=("trainee",)).run()
    assert not at.exception, at.exception
    _start(at, "ordinary-order")
    assert "Good morning, the grocery in Trešnjevka here" in _said(at)
    _caller(at, "K0001")
    # Practice: the desk's help is on, as on a real call.
    assert "Take the order" in at.success[0].value
    assert any("Credit ok" in i.value for i in at.info)
    assert "Say now" in _drawn(at)
    assert "Forty packs of spaghetti" in _said(at)
    for sku, qty in (("TJ-0001", "40"), ("ZA-0005", "6")):
        at.text_input(key="product_query").input(sku).run()
        at.text_input(key=f"qty-{sku}").input(qty)
        next(b for b in at.button if b.label == "Add line").click().run()
        assert not at.exception, at.exception
    # The client declines every offer, one click each.
    while declines := [b for b in at.button if (b.key or "").startswith("no-") and not b.disabled]:
        declines[0].click().run()
        assert not at.exception, at.exception
    # Delivery as the client says it: tomorrow (the sandbox's day), Ana Kovač receives.
    tomorrow = at.session_state[training_call.TRAINING_KEY].sandbox.today + timedelta(days=1)
    at.date_input(key="delivery_date").set_value(tomorrow).run()
    at.selectbox(key="receiver").set_value("Ana Kovač").run()
    place(at)
    assert not at.exception, at.exception
    assert any("placed" in s.value for s in at.success), _drawn(at)
    # The client answered about delivery and thanked: the transcript followed the call.
    assert "Ana Kovač receives the goods" in _said(at)
    assert _said(at).endswith("Great, thank you. Goodbye!")
    at.button(key="training_end").click().run()
    assert not at.exception, at.exception
    drawn = _drawn(at)
    assert "Scorecard: An ordinary order" in drawn
    assert [m.label for m in at.metric] == ["Score", "Time taken"]
    for rule in ("R3", "R8", "R11", "R12", "R14", "R15", "R16"):
        assert f"**{rule}**" in drawn
    # Identified, taken, credit checked and the delivery agreed: those rules pass.
    for rule in ("R3", "R8", "R16"):
        assert f"✓ **{rule}**" in drawn, drawn
    assert "How it is done" not in [e.label for e in at.expander]  # after an exam only
    # Nothing of the call reached the live database; the scored run did.
    assert _live_rows(session_factory) == {"orders": 0, "calls": 0, "offers_made": 0}
    with session_factory() as s:
        (run,) = s.scalars(select(TrainingRun)).all()
    assert run.user == "nova" and run.scenario == "ordinary-order" and run.mode == "practice"
    # The progress tab shows the run and each scored rule.
    runs = next(d.value for d in at.dataframe if "Scenario" in d.value.columns)
    assert list(runs["Scenario"]) == ["ordinary-order"] and list(runs["Score"]) == [run.score]
    rules = next(d.value for d in at.dataframe if "Rule" in d.value.columns)
    assert set(rules["Rule"]) == {"R3", "R8", "R11", "R12", "R14", "R15", "R16"}


def test_an_exam_hides_the_route_the_credit_lock_and_the_script(
    app: AppTest, session_factory
) -> None:
    at = logged_in(app, name="nova", roles=("trainee",)).run()
    _start(at, "blocked-overdue", mode="exam")
    _caller(at, "K0004")
    drawn = _drawn(at)
    for help_text in ("Take the order", "Transfer to", "Credit blocked", "Credit ok"):
        assert help_text not in drawn
    assert "Order form locked" not in drawn and "Say now" not in drawn
    assert not [e for e in at.get("flex_container") if e.key == "script"]
    assert "Standard:" not in drawn  # the compliance meter is part of the script's help
    # The order form is open to a blocked client: the score judges, not the lock.
    assert at.text_input(key="product_query")
    # The transfer is one click, named for nobody.
    assert at.button(key="transfer").label == "Transfer the call"
    at.button(key="transfer").click().run()
    at.button(key="training_end").click().run()
    assert not at.exception, at.exception
    assert "How it is done" in [e.label for e in at.expander]
    assert _live_rows(session_factory) == {"orders": 0, "calls": 0, "offers_made": 0}


def test_a_head_sees_the_cohort(app: AppTest, engine, session_factory) -> None:
    from assistant.timeutil import utcnow
    from assistant.training.progress import TrainingLog
    from assistant.training.scoring import RuleResult, Scorecard

    log = TrainingLog(session_factory=session_factory)
    for user, passed in (("nova", False), ("ivo", True)):
        log.record(
            user=user,
            scenario="blocked-overdue",
            language="en",
            mode="exam",
            scorecard=Scorecard(
                scenario="blocked-overdue",
                score=100 if passed else 0,
                rules=(RuleResult("R9", passed, "feedback", None),),
                seconds=61,
            ),
            started_at=utcnow(),
        )
    at = logged_in(app, name="boss", roles=("head",)).run()
    at.switch_page("assistant/ui/pages/training.py").run()
    assert not at.exception, at.exception
    assert [t.label for t in at.tabs][0] == "Cohort"
    cohort = next(d.value for d in at.dataframe if "Trainee" in d.value.columns)
    rows = {row["Trainee"]: row for row in cohort.to_dict("records")}
    assert set(rows) == {"nova", "ivo"}
    assert rows["nova"]["Average score"] == 0 and rows["nova"]["Weakest rules"] == "R9"
    assert rows["ivo"]["Average score"] == 100 and rows["ivo"]["Weakest rules"] == ""


def test_a_trainee_never_gets_the_real_live_call_page_even_on_a_training_call(
    app: AppTest,
) -> None:
    at = logged_in(app, name="nova", roles=("trainee",)).run()
    _start(at, "ordinary-order")
    for page in ("call.py", "orders.py", "clients.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"assistant/ui/pages/{page}")


def test_off_the_training_page_a_head_works_on_the_live_desk_not_the_sandbox(
    app: AppTest,
) -> None:
    at = logged_in(app, name="boss", roles=("head",)).run()
    at.switch_page("assistant/ui/pages/training.py").run()
    _start(at, "ordinary-order")
    _caller(at, "K0001")  # the sandbox's demo company knows K0001
    assert "Take the order" in at.success[0].value
    at.switch_page("assistant/ui/pages/clients.py").run()
    at.text_input(key="clients_query").input("K0001").run()
    assert not at.exception, at.exception
    # The live database is empty: the Clients page does not see the sandbox.
    assert any("No client has this phone" in i.value for i in at.info)
    # Back on the Training page, the training call (and its live call) goes on.
    at.switch_page("assistant/ui/pages/training.py").run()
    assert at.button(key="training_end")
    assert at.session_state["live_call"].call_id is not None


def test_logging_out_closes_the_training_calls_sandbox(app: AppTest) -> None:
    at = logged_in(app, name="nova", roles=("trainee",)).run()
    _start(at, "ordinary-order")
    sandbox = at.session_state[training_call.TRAINING_KEY].sandbox
    at.button(key="logout").click().run()
    assert not at.exception, at.exception
    assert training_call.TRAINING_KEY not in at.session_state
    if sandbox.url.startswith("sqlite"):
        assert not Path(sandbox.url.removeprefix("sqlite:///")).exists()
