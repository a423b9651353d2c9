"""The user logged in to this browser session, as the services take it (an Actor)."""

from __future__ import annotations

import streamlit as st

from assistant.auth.rights import Actor

ACTOR_KEY = "actor"  # set by the login form, cleared by logout and idle expiry


def current_actor() -> Actor | None:
    """Who is logged in, or None before login."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


# TEMPORARY, until the login form lands: who the desk acts as with nobody logged in, so
# it keeps working as before. The login form replaces this with a stop before any page.
BEFORE_LOGIN = Actor.of("operator", ("operator", "editor", "head"))


def acting() -> Actor:
    """Whom the services are called for: the logged-in user (see BEFORE_LOGIN)."""
    return current_actor() or BEFORE_LOGIN
