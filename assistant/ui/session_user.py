"""The user logged in to this browser session, as the services take it (an Actor)."""

from __future__ import annotations

import streamlit as st

from assistant.auth.rights import Actor

ACTOR_KEY = "actor"  # set by the login form, cleared by logout and idle expiry


def current_actor() -> Actor | None:
    """Who is logged in, or None before login."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None
