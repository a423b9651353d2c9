"""Streamlit entry point of the Order Desk: page config and navigation, nothing else."""

import logging

import streamlit as st

from assistant.errors import DeskError
from assistant.ui.navigation import pages
from assistant.ui.widgets import COMPACT_CSS, UNEXPECTED_ERROR

log = logging.getLogger("assistant.ui")

st.set_page_config(page_title="Order Desk", page_icon=":telephone_receiver:", layout="wide")
st.markdown(COMPACT_CSS, unsafe_allow_html=True)
try:
    st.navigation(pages(), position="top").run()
except DeskError as err:
    st.error(err.message)
except Exception:  # noqa: BLE001 - the operator gets a message, the log gets the traceback
    log.exception("a page failed")
    st.error(UNEXPECTED_ERROR)
