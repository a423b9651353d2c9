"""Streamlit entry point of the Order Desk: page config and navigation, nothing else."""

import streamlit as st

from assistant.ui.navigation import pages
from assistant.ui.widgets import COMPACT_CSS

st.set_page_config(page_title="Order Desk", page_icon=":telephone_receiver:", layout="wide")
st.markdown(COMPACT_CSS, unsafe_allow_html=True)
st.navigation(pages(), position="top").run()
