"""The user logged in to this browser session, as the services take it (an Actor)."""

from __future__ import annotations

import streamlit as st

from assistant.auth.rights import Actor

ACTOR_KEY = "actor"  # set by the login form, cleared by logout and idle expiry


def current_actor() -> Actor | None:
    """Who is logged in, or None before login."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def acting() -> Actor:
    """Whom the services are called for: the logged-in user.

    TEMPORARY until the login form lands: with nobody logged in, the desk acts as
    DESK_OPERATOR with the operator, editor and head roles, so it keeps working as before.
    The login form replaces this fallback with a stop before any page is drawn.
    """
    actor = current_actor()
    if actor is not None:
        return actor
    from assistant.config import Settings

    return Actor.of(Settings().operator, ("operator", "editor", "head"))
