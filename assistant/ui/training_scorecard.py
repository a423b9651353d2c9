"""The scorecard of a training call, and after an exam the model run: "how it is done"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant import formats
from assistant.i18n import _
from assistant.ui import training_call

if TYPE_CHECKING:
    from assistant.training.scenario import Scenario
    from assistant.training.scoring import Scorecard


def render() -> None:
    """The scorecard of the call just ended, if any, with "Practise again"."""
    ended = st.session_state.get(training_call.SCORECARD_KEY)
    if not ended:
        return
    scenario, mode, card = ended
    with st.container(border=True, key="scorecard"):
        scorecard(scenario, card)
        if mode == "exam":
            how_it_is_done(scenario)
        st.button(_("Close the scorecard"), key="scorecard_close", on_click=_close)


def scorecard(scenario: Scenario, card: Scorecard) -> None:
    """Score, time, and each rule passed or failed with its feedback and cited passage."""
    st.markdown("#### " + _("Scorecard: {title}").format(title=scenario.title))
    score, taken = st.columns(2)
    score.metric(_("Score"), f"{card.score} / 100")
    taken.metric(_("Time taken"), _duration(card.seconds))
    for rule in card.rules:
        mark = "✓" if rule.passed else "✗"
        text = f"{mark} **{rule.requirement}** · {rule.feedback}"
        st.markdown(text if rule.passed else f":red[{text}]")
        if rule.source:
            with st.expander(_("Why: {doc}").format(doc=rule.source.get("doc", ""))):
                st.text(rule.source.get("text", ""))


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    return _("{minutes} min {seconds} s").format(minutes=seconds // 60, seconds=seconds % 60)


def how_it_is_done(scenario: Scenario) -> None:
    """The scenario's model run as readable steps: what a senior operator does."""
    path = scenario.path.parent / "runs" / f"{scenario.id}.jsonl"
    with st.expander(_("How it is done"), expanded=True, icon=":material/school:"):
        if not path.is_file():
            st.caption(_("This scenario has no model run yet."))
            return
        actions = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        steps = "\n".join(f"{n}. {step(a)}" for n, a in enumerate(actions, start=1))
        st.markdown(steps)


def step(action: dict[str, Any]) -> str:
    """One action of a model run (the `desk train run` format), as a sentence."""
    kind = action.get("action")
    if kind == "identify":
        return _("Identify the caller: “{query}”.").format(query=action.get("query", ""))
    if kind == "transfer":
        return _("Transfer the call to {to}.").format(to=action.get("to", ""))
    if kind == "add_line":
        return _("Add {qty} × {sku} to the order.").format(
            qty=formats.number(action.get("qty", 0)), sku=action.get("sku", "")
        )
    if kind == "answer_offer":
        said = (
            _("the client takes it")
            if action.get("answer") == "accepted"
            else _("the client declines")
        )
        return _("Offer {sku}: {answer}.").format(sku=action.get("sku", ""), answer=said)
    if kind == "set_delivery":
        documents = ", ".join(action.get("documents") or ())
        return _(
            "Agree the delivery: {date}, {window}, received by {receiver}, payment {payment}, "
            "documents {documents}."
        ).format(
            date=_day(str(action.get("date", ""))),
            window=action.get("window", ""),
            receiver=action.get("receiver", ""),
            payment=action.get("payment", ""),
            documents=documents,
        )
    if kind == "ask":
        return _("Look it up in Ask: “{question}”.").format(question=action.get("question", ""))
    if kind == "tick":
        return _("Say the script's step “{step}” and tick it.").format(step=action.get("step", ""))
    if kind == "place_order":
        return _("Place the order and read the number back.")
    if kind == "end_call":
        return _("End the call: {outcome}.").format(outcome=action.get("outcome", ""))
    return json.dumps(action, ensure_ascii=False)


def _day(day: str) -> str:
    """A model run's date: "+N" days from the day of the call, or a date."""
    if day.startswith("+") and day[1:].isdigit():
        return _("in {days} days").format(days=day[1:])
    return day


def _close() -> None:
    st.session_state.pop(training_call.SCORECARD_KEY, None)
