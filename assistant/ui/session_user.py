"""The user logged in to this browser session, as the services take it (an Actor)."""

from __future__ import annotations

import streamlit as st

from assistant.auth.rights import Actor, Forbidden
from assistant.i18n import _
from assistant.ui import training_call

ACTOR_KEY = "actor"  # set by the login form, cleared by logout and idle expiry


def current_actor() -> Actor | None:
    """Who is logged in, or None before login."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def acting() -> Actor:
    """Whom the services are called for: the logged-in user, or on an active training call
    its training actor (who acts in the sandbox only).

    app.py draws no page before login, so this refuses only a page reached some other way.
    """
    actor = current_actor()
    if actor is None:
        raise Forbidden(_("Log in first: the desk shows nothing before login."))
    training = training_call.active()
    return training.actor if training is not None else actor
