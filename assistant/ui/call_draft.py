"""The live call's draft kept in SQL and reopened after a reload or a dead process.

`keep` runs at the end of every redraw of the call (the whole screen and each panel of
it), so the saved draft is at most one change old; it writes only when the draft's
fingerprint changed. The call's id goes into the URL (`?call=ID`): a browser reloaded onto
another app process opens the same call again, after login, for the same operator.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from assistant.calls.drafts import SavedDraft, fingerprint, snapshot
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.services import Services
from assistant.ui import training_call
from assistant.ui.session_user import acting, current_actor
from assistant.ui.state import CALL_KEY, CALLER_KEY, LEFT_KEY
from assistant.ui.training_quiz import plain

log = logging.getLogger(__name__)

PARAM = "call"  # the URL's ?call=ID
SAVED_KEY = "draft_saved"  # the fingerprint of the draft last saved by this session
OPENED_KEY = "draft_opened"  # the ?call=ID this session has opened (or refused) already
REFUSED_KEY = "draft_refused"  # why the call in the URL could not be opened
OFFER_KEY = "draft_offer"  # the operator's open call offered for reopening, once a session
# The order form's fields (call_delivery, call_order), saved with the draft as they stand.
FORM_KEYS = (
    "purpose",
    "delivery_window",
    "receiver",
    "payment",
    "documents",
    "regional_mode",
    "ship_to",
    "order_notes",
    "override",
    "override_reason",
)
DATE_KEYS = ("delivery_date",)
TASK_FORM_KEY = "task_client_id"  # the call task's client being called (call_task)
CALLBACK_FORM_KEY = "callback_id"  # the call-back request being answered (call_callback)
DATETIME_KEYS = ("pickup_at",)


def keep(desk: Services, call: LiveCall) -> None:
    """Save the draft if it changed since the last save; the URL names the call."""
    if training_call.active() is not None:
        return  # a training call lives in its sandbox: nothing to reopen
    if call.call_id is None:
        if PARAM in st.query_params:
            del st.query_params[PARAM]  # a new call: the old one is no longer this page's
        return
    if st.query_params.get(PARAM) != str(call.call_id):
        st.query_params[PARAM] = str(call.call_id)
        st.session_state[OPENED_KEY] = str(call.call_id)
    form = _form()
    saved = fingerprint(snapshot(call, form))
    if st.session_state.get(SAVED_KEY) == saved:
        return
    try:
        desk.drafts.save(call, form, actor=acting())
    except Exception:  # noqa: BLE001 - the call goes on; the next change tries again
        log.exception("the draft of call %s could not be saved", call.call_id)
        return
    st.session_state[SAVED_KEY] = saved


def keep_in_fragment(desk: Services, call: LiveCall) -> None:
    """`keep` at the end of a panel redrawn alone; a whole redraw keeps once, at its end."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        keep(desk, call)


def reopen_from_url(desk: Services) -> None:
    """Open the call named in the URL, once a session, if it is the operator's own."""
    wanted = st.query_params.get(PARAM)
    if not wanted or st.session_state.get(OPENED_KEY) == wanted:
        return
    if wanted in (st.session_state.get(LEFT_KEY) or ()):
        return  # a stale address from before New call: that call was finished here
    st.session_state[OPENED_KEY] = wanted
    current = st.session_state.get(CALL_KEY)
    if isinstance(current, LiveCall) and current.call_id is not None:
        return  # this session is working a call already: it stays
    actor = current_actor()
    if actor is None or training_call.active() is not None:
        return
    try:
        if not wanted.isdigit():
            raise DeskError(
                _("“{call}” in the address is not a call number. Type the caller.").format(
                    call=wanted
                )
            )
        saved = desk.drafts.load(int(wanted), actor=actor)
    except DeskError as err:
        st.session_state[REFUSED_KEY] = err.message
        del st.query_params[PARAM]
        return
    _open(saved)


def refusal() -> None:
    """Why the call in the address was not opened, until the next call starts."""
    message = st.session_state.get(REFUSED_KEY)
    if message:
        st.error(message)


def offer(desk: Services, call: LiveCall) -> None:
    """With no call on screen: a button to reopen the operator's latest open call."""
    if call.call_id is not None or training_call.active() is not None:
        return
    if OFFER_KEY not in st.session_state:
        try:
            st.session_state[OFFER_KEY] = desk.drafts.latest_open(actor=acting())
        except DeskError:
            st.session_state[OFFER_KEY] = None
    saved = st.session_state.get(OFFER_KEY)
    if not isinstance(saved, SavedDraft):
        return
    at = saved.updated_at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
    caller = plain(str(saved.form.get("query") or ""))  # typed text, never markup
    st.button(
        _("Reopen your open call from {time} ({caller})").format(time=at, caller=caller),
        key="reopen_draft",
        icon=":material/restore:",
        on_click=_open,
        args=(saved,),
    )


def _open(saved: SavedDraft) -> None:
    """Put the saved call and its order form back into this session."""
    state = st.session_state
    _reattach(saved.form)
    state[CALL_KEY] = saved.call
    state[OPENED_KEY] = str(saved.call_id)
    state.pop(REFUSED_KEY, None)
    state.pop(OFFER_KEY, None)
    form = saved.form
    state[CALLER_KEY] = str(form.get("query") or "")
    for key in FORM_KEYS:
        if form.get(key) is not None:
            state[key] = form[key]
    for key in DATE_KEYS:
        if form.get(key):
            state[key] = date.fromisoformat(form[key])
    for key in DATETIME_KEYS:
        if form.get(key):
            state[key] = datetime.fromisoformat(form[key])
    state[SAVED_KEY] = fingerprint(snapshot(saved.call, form))
    st.query_params[PARAM] = str(saved.call_id)


def _reattach(form: dict[str, Any]) -> None:
    """The call task's panel and the call-back's banner the call had, still open."""
    from assistant.ui import call_callback, call_task
    from assistant.ui.deps import live_services

    if isinstance(form.get(TASK_FORM_KEY), int):
        st.session_state[call_task.TASK_KEY] = form[TASK_FORM_KEY]
    if isinstance(form.get(CALLBACK_FORM_KEY), int):
        try:
            item = live_services().callbacks.get(form[CALLBACK_FORM_KEY], actor=acting())
        except DeskError:
            return  # gone or not this operator's to see: the call goes on without its banner
        if item.status == "open":  # answered or closed meanwhile: nothing left to record
            st.session_state[call_callback.TAKEN_KEY] = item


def _form() -> dict[str, Any]:
    """The caller box, the order form's fields, the task or call-back called for, as JSON."""
    from assistant.ui import call_callback, call_task

    state = st.session_state
    form: dict[str, Any] = {"query": state.get(CALLER_KEY)}
    task = state.get(call_task.TASK_KEY)
    form[TASK_FORM_KEY] = task if isinstance(task, int) else None
    taken = state.get(call_callback.TAKEN_KEY)
    form[CALLBACK_FORM_KEY] = getattr(taken, "id", None)
    for key in FORM_KEYS:
        value = state.get(key)
        form[key] = list(value) if isinstance(value, (list, tuple, set)) else value
    for key in (*DATE_KEYS, *DATETIME_KEYS):
        value = state.get(key)
        form[key] = value.isoformat() if isinstance(value, date) else None
    return form
