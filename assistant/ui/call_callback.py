"""A call-back taken from the queue, on the live call: which request it is, and its outcome.

The Call-backs page leaves the request and its phone in the session and opens the live
call; the caller box is given the phone before it is drawn, so the card finds the client
by phone (or shows a new caller). Kept light: the desk's services load only for an outcome.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from assistant.errors import DeskError
from assistant.formats import day
from assistant.i18n import N_, _
from assistant.ui.state import CALLER_KEY, live_call, new_call

if TYPE_CHECKING:  # the live call's first render loads no table it does not need
    from assistant.outbound.callback_queue import QueueItem

TAKEN_KEY = "callback_taken"  # the QueueItem being called back
_CALLER_KEY = "callback_caller"  # the phone for the caller box, until the box takes it
# What the outcome did: shown for the rest of the call (a rerun must not lose it).
_DONE_KEY = "callback_recorded"
CALL_PAGE = "assistant/ui/pages/call.py"
OUTCOME_BUTTONS = {
    "answered": N_("Answered"),
    "no_answer": N_("No answer"),
    "wrong_number": N_("Wrong number"),
}


def take(item: QueueItem) -> None:
    """A new call for `item`, and off to the live call page."""
    new_call()
    live_call().direction = "outgoing"  # the desk calls back: the call log says so
    st.session_state[TAKEN_KEY] = item
    st.session_state[_CALLER_KEY] = item.phone_key or item.phone
    st.switch_page(CALL_PAGE)


def when(item: QueueItem) -> str:
    """The window as the operator reads it: the day, then from and to (UTC)."""
    start, end = item.window_from, item.window_to
    to = end.strftime("%H:%M") if end.date() == start.date() else f"{day(end.date())} {end:%H:%M}"
    return _("{day} {start}–{end} UTC").format(
        day=day(start.date()), start=f"{start:%H:%M}", end=to
    )


def banner() -> None:
    """On the live call, above the caller box: the call-back taken and its outcome buttons."""
    pending = st.session_state.pop(_CALLER_KEY, None)
    if pending:
        st.session_state[CALLER_KEY] = pending
    done = st.session_state.get(_DONE_KEY)
    if done:
        st.success(done)
    item: QueueItem | None = st.session_state.get(TAKEN_KEY)
    if item is None:
        return
    with st.container(border=True):
        text, *buttons = st.columns([6, 1.3, 1.3, 1.3], vertical_alignment="center")
        text.markdown(
            _("**Call-back {id}** · {name} asked on the website to be called {window}.").format(
                id=item.id, name=_plain(item.name), window=when(item)
            )
            + (f"  \n{_plain(item.topic)}" if item.topic else "")
        )
        for column, (outcome, label) in zip(buttons, OUTCOME_BUTTONS.items(), strict=True):
            if column.button(_(label), key=f"callback-{outcome}", width="stretch"):
                _record(item, outcome)


def _record(item: QueueItem, outcome: str) -> None:
    from assistant.ui.deps import services
    from assistant.ui.session_user import acting
    from assistant.ui.state import live_call

    try:
        after = services().callbacks.attempt(
            item.id, outcome=outcome, actor=acting(), call_id=live_call().call_id
        )
    except DeskError as err:
        st.error(err.message)
        return
    del st.session_state[TAKEN_KEY]
    st.session_state[_DONE_KEY] = _status_said(after)
    st.rerun()


def _status_said(item: QueueItem) -> str:
    if item.status == "done":
        return _("Call-back {id} is done.").format(id=item.id)
    if item.status == "unreachable":
        return _("Call-back {id} is closed: the caller could not be reached.").format(id=item.id)
    return _("Call-back {id}: no answer; it is back in the queue for {time} UTC.").format(
        id=item.id, time=f"{day(item.due_at.date())} {item.due_at:%H:%M}"
    )


def _plain(text: str) -> str:
    """What the website sent, shown as text: Markdown's special characters escaped."""
    from assistant.ui.training_quiz import plain

    return plain(text)
