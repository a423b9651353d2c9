"""The script panel at the top of the order: what to say now, what comes next (R8-R17).

Steps the desk can see done tick themselves (client identified, a line added, offers
answered, delivery agreed); the operator ticks the rest with one click.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.compliance import Check
from assistant.calls.script_path import progress_of, script_path
from assistant.calls.state import LiveCall
from assistant.i18n import _
from assistant.i18n.texts import TextFileError
from assistant.orders.quote import Quote
from assistant.script.loader import Script, ScriptFileError
from assistant.services import Services
from assistant.ui import call_delivery
from assistant.ui.session_user import acting

MARKS = {"done": "✓", "skipped": "–", "todo": "○"}
WHOLE_KEY = "script_all"  # the whole script shown or not


def render(
    desk: Services, call: LiveCall, card: ClientCard, quote: Quote | None = None
) -> list[Check]:
    """Draw the panel; returns the compliance checks it was read from, for the meter."""
    try:
        chosen = desk.scripts.active()
    except (TextFileError, ScriptFileError) as err:
        st.warning(_("The call script cannot be read: {problem}").format(problem=err))
        return []
    script = chosen.value
    client = card.client
    progress, checks = progress_of(
        script,
        card,
        call.lines,
        offered=call.recorded,
        answered=call.answered,
        details=call_delivery.details(client) if client else None,
        ticked=call.ticked,
        skipped=call.skipped,
        ended=call.ended,
        discounts_in_play=bool(quote and (quote.prompts or quote.discounts)),
    )
    # The live card is drawn without offers (they come apart): the script reads the last shown.
    steps = script_path(
        script,
        replace(card, offers=call.offered),
        call.lines,
        call.purpose,
        chosen.language,
        progress,
    )
    _panel(desk, call, script, [s for s in steps if s["state"] != "n/a"])
    return checks


def _panel(desk: Services, call: LiveCall, script: Script, steps: list[dict[str, Any]]) -> None:
    todo = [s for s in steps if s["state"] == "todo"]
    with st.container(border=True, key="script"):
        if not todo:
            st.markdown("✓ " + _("Script complete: every step is done."))
        else:
            now = todo[0]
            text, tick = st.columns([6, 1], vertical_alignment="center")
            say_now = _("Say now")
            head = (
                f"**{say_now}** · {_requirement(now)}" if now["requirement"] else f"**{say_now}**"
            )
            text.markdown(f"{head}  \n{now['say']}")
            if script.steps[now["id"]].done_when is None:
                tick.button(
                    "",
                    icon=":material/check:",
                    key="script_tick_now",
                    help=_("Mark this step done"),
                    on_click=_tick,
                    args=(desk, call, now["id"], True),
                )
            if len(todo) > 1:
                st.caption(_("Next: {say}").format(say=todo[1]["say"]))
        shown = st.toggle(
            _("Whole script · {done} of {total} steps done").format(
                done=sum(1 for s in steps if s["state"] != "todo"), total=len(steps)
            ),
            key=WHOLE_KEY,
        )
        # Drawn only when asked for: ~20 rows on every redraw of the order cost the
        # add-line round trip in Chromium, and the lines above say what to do now.
        if shown:
            for step in steps:
                _step_row(desk, call, script, step)


def _step_row(desk: Services, call: LiveCall, script: Script, step: dict[str, Any]) -> None:
    line = f"{MARKS[step['state']]} {_requirement(step)} {step['say']}"
    if script.steps[step["id"]].done_when is not None:
        st.markdown(line)  # ticks itself when the desk sees it done
        return
    key = f"script_tick-{step['id']}"
    st.session_state[key] = step["id"] in call.ticked
    st.checkbox(
        f"{_requirement(step)} {step['say']}",
        key=key,
        on_change=_toggle,
        args=(desk, call, step["id"], key),
    )


def _requirement(step: dict[str, Any]) -> str:
    return f"`{step['requirement']}`" if step["requirement"] else ""


def _tick(desk: Services, call: LiveCall, step: str, done: bool) -> None:
    desk.live.tick(call, step, done=done, actor=acting())


def _toggle(desk: Services, call: LiveCall, step: str, key: str) -> None:
    desk.live.tick(call, step, done=bool(st.session_state.get(key)), actor=acting())
