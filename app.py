"""Streamlit entry point of the Order Desk: language, page config, login and navigation."""

import logging

import streamlit as st

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.ui import language, login, navigation
from assistant.ui.widgets import COMPACT_CSS, UNEXPECTED_ERROR

log = logging.getLogger("assistant.ui")

language.install()
st.set_page_config(
    page_title=_("Order Desk"),
    page_icon=":telephone_receiver:",
    layout="wide",
    initial_sidebar_state="collapsed",  # the call needs the width; the sidebar holds settings
)
st.markdown(COMPACT_CSS, unsafe_allow_html=True)
language.switcher()
# Before login the form alone is drawn: no page list, no client, no price.
try:
    if login.gate() is not None:
        navigation.run()
except DeskError as err:
    st.error(err.message)
except Exception as exc:  # noqa: BLE001 - the operator gets a message, the log gets the traceback
    # Imported here: SQLAlchemy need not load before the login form's first render.
    from assistant.db import is_disconnect, unreachable

    if is_disconnect(exc):  # the database is down or restarting, even at the login form
        log.warning("the database is unreachable: %s", exc)
        st.error(unreachable(exc).message)
    else:
        log.exception("a page failed")
        st.error(_(UNEXPECTED_ERROR))
