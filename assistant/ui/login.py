"""Login: the form, company sign-in (OIDC), logout and idle expiry; nothing before login."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import streamlit as st

from assistant.auth.rights import Actor
from assistant.config import get_settings
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.ui import training_call
from assistant.ui.language import PENDING_LANGUAGE_KEY
from assistant.ui.session_user import ACTOR_KEY, current_actor

if TYPE_CHECKING:
    from assistant.auth.users import UserBook

log = logging.getLogger(__name__)
LAST_SEEN_KEY = "desk_last_seen"  # time.time() of the session's last run while logged in
NOTICE_KEY = "desk_login_notice"
REFUSED_EMAIL_KEY = "desk_refused_email"  # an OIDC e-mail no desk user has: asked once


def gate() -> Actor | None:
    """The logged-in user; before login, the form alone is drawn and the run stops."""
    actor = current_actor()
    if actor is not None and _idle_too_long():
        hours = get_settings().session_idle_hours
        _forget()
        st.session_state[NOTICE_KEY] = _(
            "You were logged out after {hours:g} h without activity. Log in again."
        ).format(hours=hours)
        if _company_signed_in():
            st.logout()  # else the company account would sign the session straight back in
        actor = None
    if actor is None and _company_signed_in():
        actor = _from_company_account(str(st.user.get("email") or ""))
    if actor is None:
        _form()
        st.stop()
        return None  # bare mode (no server, e.g. a worker process importing app.py) never stops
    st.session_state[LAST_SEEN_KEY] = time.time()
    _logout(actor)
    return actor


def enter(actor: Actor) -> None:
    """Log `actor` in to this session, in the user's own language when it has one."""
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_SEEN_KEY] = time.time()
    try:
        preferred = _users().get(actor.name).language
    except DeskError:
        preferred = None
    if preferred:
        # The switcher is drawn already in this run: it takes the language on the next one.
        st.session_state[PENDING_LANGUAGE_KEY] = preferred


def _users() -> UserBook:
    # Imported on use: the services take a second to import, and the form need not wait.
    from assistant.ui.deps import services

    return services().users


def _idle_too_long() -> bool:
    seen = st.session_state.get(LAST_SEEN_KEY)
    limit = get_settings().session_idle_hours * 3600
    return isinstance(seen, float | int) and time.time() - seen > limit


def _forget() -> None:
    for key in (ACTOR_KEY, LAST_SEEN_KEY):
        st.session_state.pop(key, None)
    # A training call belongs to who started it: its sandbox goes with the logout.
    training_call.forget()
    st.session_state.pop(training_call.SCORECARD_KEY, None)


def _company_sign_in() -> bool:
    """Whether the deployment configured OpenID Connect ([auth] in .streamlit/secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all means no company sign-in
        return False


def _company_signed_in() -> bool:
    # .get: st.user lacks the key altogether where Streamlit sees no [auth] section of its own.
    return _company_sign_in() and bool(st.user.get("is_logged_in"))


def _from_company_account(email: str) -> Actor | None:
    if st.session_state.get(REFUSED_EMAIL_KEY) == email:
        return None
    try:
        actor = _users().by_email(email)
    except DeskError as err:
        st.session_state[REFUSED_EMAIL_KEY] = email
        st.session_state[NOTICE_KEY] = err.message
        return None
    enter(actor)
    return actor


PASSWORD_KEY = "login_password"
TYPED_KEY = "login_typed"  # the password of this submit, taken out of its box


def _take_password() -> None:
    # A callback runs before the form is drawn again: the box may still be emptied here.
    st.session_state[TYPED_KEY] = st.session_state.get(PASSWORD_KEY, "")
    st.session_state[PASSWORD_KEY] = ""


def _form() -> None:
    st.title(_("Order Desk"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.warning(notice)
    # The name stays after a wrong password (retyping it is a nuisance); the password never.
    with st.form("login"):
        name = st.text_input(_("Username"), key="login_name", autocomplete="username")
        st.text_input(
            _("Password"), type="password", key=PASSWORD_KEY, autocomplete="current-password"
        )
        submitted = st.form_submit_button(_("Log in"), type="primary", on_click=_take_password)
    if submitted:
        password = str(st.session_state.pop(TYPED_KEY, "") or "")
        try:
            actor = _users().authenticate(name=name, password=password)
        except DeskError as err:
            st.error(err.message)
        else:
            enter(actor)
            st.rerun()
    if _company_sign_in():
        if st.session_state.get(REFUSED_EMAIL_KEY) and st.button(_("Use another account")):
            st.session_state.pop(REFUSED_EMAIL_KEY, None)
            st.logout()
        elif st.button(_("Sign in with your company account")):
            st.login()


def _logout(actor: Actor) -> None:
    st.sidebar.caption(_("Logged in as {name}").format(name=actor.name))
    if st.sidebar.button(_("Log out"), key="logout"):
        _forget()
        if _company_signed_in():
            st.logout()
        st.rerun()
