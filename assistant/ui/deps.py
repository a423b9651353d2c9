"""The desk's services, built once per server process and shared by every session."""

from __future__ import annotations

import logging
import threading

import streamlit as st

from assistant.config import Settings
from assistant.db import ensure_ready
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.services import Services, build_services
from assistant.ui import training_call

log = logging.getLogger(__name__)
# Set once the services are built: later runs skip the "opening" spinner (and its element).
_built = threading.Event()


@st.cache_resource(show_spinner=False)
def _build() -> Services:
    services = build_services(Settings())
    ensure_ready(services.engine)
    _built.set()
    # The offers model and the knowledge warm up beside the first page, never before it:
    # the caller box draws at once, and each panel says "loading" until its part is ready.
    threading.Thread(target=_warm_up, args=(services,), name="desk-warm-up", daemon=True).start()
    return services


def _warm_up(services: Services) -> None:
    try:
        services.warm_up()
    except Exception:  # noqa: BLE001 - a failed warm-up only means the first use builds it
        log.exception("warming up the desk failed; the first call will build what is missing")


def services() -> Services:
    """The services the page works on: a training call's sandbox while one is active here
    (training_call.active), else the desk's own (`live_services`)."""
    call = training_call.active()
    if call is not None:
        return call.services
    return live_services()


def live_services() -> Services:
    """The desk's own services, or a clear message on screen (never a traceback) and a stop."""
    try:
        if _built.is_set():
            return _build()
        # The spinner is drawn here, not by the cache: its text follows the session's
        # language (a cache's show_spinner text is fixed when the module is imported).
        with st.spinner(_("Opening the desk...")):
            return _build()
    except DeskError as err:
        st.error(err.message)
        st.stop()
    except Exception:
        log.exception("the desk could not start")
        st.error(_("The desk could not start: see the server log. Check DESK_DATABASE_URL."))
        st.stop()
