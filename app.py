"""Streamlit entry point of the Order Desk: page config and navigation, nothing else."""

import streamlit as st

from assistant.ui.navigation import pages

st.set_page_config(page_title="Order Desk", page_icon=":telephone_receiver:", layout="wide")
st.navigation(pages()).run()
