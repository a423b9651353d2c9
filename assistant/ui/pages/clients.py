"""Clients: search, the card, order history and debts."""

from __future__ import annotations

import streamlit as st

from assistant.ui.deps import services

desk = services()
st.markdown("### Clients")
