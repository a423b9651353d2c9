"""Orders placed at the desk, newest first (R18)."""

from __future__ import annotations

import streamlit as st

from assistant.orders.models import ORDER_STATUSES
from assistant.orders.queries import OrderFilter
from assistant.ui.deps import services

desk = services()
st.markdown("### Orders")
status = st.selectbox("Status", ["all", *ORDER_STATUSES], key="orders_status")
rows = desk.orders.list(where=OrderFilter(status=None if status == "all" else status))
if rows:
    st.dataframe(rows, hide_index=True)
else:
    st.caption("No orders yet.")
