"""The call log (R1): who called, why, what came of it."""

from __future__ import annotations

import streamlit as st

from assistant.ui.deps import services

desk = services()
st.markdown("### Calls")
rows = desk.calls.list()
if rows:
    st.dataframe([{**r, "offers": len(r["offers"])} for r in rows], hide_index=True)
else:
    st.caption("No calls yet.")
