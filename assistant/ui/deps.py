"""The desk's services, built once per server process and shared by every session."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.config import Settings
from assistant.db import ensure_ready
from assistant.errors import DeskError
from assistant.services import Services, build_services

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Opening the desk...")
def _build() -> Services:
    services = build_services(Settings())
    ensure_ready(services.engine)
    # Build the offers' history model now, not during the first call an operator takes.
    services.offers.preload()
    return services


def services() -> Services:
    """The services, or a clear message on screen (never a traceback) and a stop."""
    try:
        return _build()
    except DeskError as err:
        st.error(err.message)
        st.stop()
    except Exception:
        log.exception("the desk could not start")
        st.error("The desk could not start: see the server log. Check DESK_DATABASE_URL.")
        st.stop()
