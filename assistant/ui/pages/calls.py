"""The call log (R1): who called, why, what was offered and taken, what came of it."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from assistant.calls.models import CALL_PURPOSES
from assistant.calls.service import CALL_OUTCOMES, CallFilter
from assistant.errors import DeskError
from assistant.services import Services
from assistant.ui.deps import services

log = logging.getLogger(__name__)

ALL = "all"
SHOWN = 300
TABLE_COLUMNS = {
    "started": st.column_config.TextColumn("Started (UTC)"),
    "caller": st.column_config.TextColumn("Caller"),
    "name": st.column_config.TextColumn("Client name", width="medium"),
    "direction": st.column_config.TextColumn("Dir."),
    "operator": st.column_config.TextColumn("Operator"),
    "purpose": st.column_config.TextColumn("Purpose"),
    "outcome": st.column_config.TextColumn("Outcome"),
    "transferred_to": st.column_config.TextColumn("Transferred to"),
    "offered": st.column_config.TextColumn("Offered", width="medium"),
    "accepted": st.column_config.TextColumn("Accepted"),
    "declined": st.column_config.TextColumn("Declined"),
    "notes": st.column_config.TextColumn("Notes", width="medium"),
}


def _filters(operators: tuple[str, ...]) -> CallFilter:
    """The filter row: operator, client code, purpose, outcome, days."""
    c1, c2, c3, c4, c5 = st.columns([1, 1, 1, 1, 1.6])
    operator = c1.selectbox("Operator", [ALL, *operators], key="calls_operator")
    client = c2.text_input("Client code", placeholder="e.g. M1042", key="calls_client")
    purpose = c3.selectbox("Purpose", [ALL, *CALL_PURPOSES], key="calls_purpose")
    outcome = c4.selectbox("Outcome", [ALL, *CALL_OUTCOMES], key="calls_outcome")
    dates = c5.date_input("Days", value=[], format="YYYY-MM-DD", key="calls_dates")
    picked = [d for d in (dates if isinstance(dates, tuple) else (dates,)) if d is not None]
    return CallFilter(
        operator=None if operator == ALL else operator,
        client_code=client.strip().upper() or None,
        purpose=None if purpose == ALL else purpose,
        outcome=None if outcome == ALL else outcome,
        date_from=picked[0] if picked else None,
        date_to=picked[1] if len(picked) > 1 else None,
        limit=SHOWN,
    )


def _row(call: dict[str, Any]) -> dict[str, Any]:
    """One call as a table row; offers as "kind SKU", answers by SKU."""
    offers = call["offers"]
    return {
        "started": call["started_at"].replace("T", " "),
        "caller": call["client"] or call["phone"] or "?",
        "name": call["client_name"] or "",
        "direction": "in" if call["direction"] == "incoming" else "out",
        "operator": call["operator"],
        "purpose": call["purpose"],
        "outcome": (call["outcome"] or "open").replace("_", " "),
        "transferred_to": call["transferred_to"] or "",
        "offered": ", ".join(f"{o['kind']} {o['sku']}" for o in offers),
        "accepted": ", ".join(o["sku"] for o in offers if o["accepted"] is True),
        "declined": ", ".join(o["sku"] for o in offers if o["accepted"] is False),
        "notes": call["notes"] or "",
    }


def _page(desk: Services) -> None:
    """Filters, the figures, and the log itself."""
    where = _filters(desk.calls.operators())
    counts = desk.calls.counts(where=where)
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("Calls", counts.calls)
    m2.metric("Orders placed", counts.orders_placed)
    m3.metric("Transfers", counts.transfers)
    m4.metric("Offers made", counts.offers_made)
    rate = (
        f"{counts.offers_accepted / counts.offers_made:.0%} taken" if counts.offers_made else None
    )
    m5.metric(
        "Offers accepted", counts.offers_accepted, delta=rate, delta_color="off", delta_arrow="off"
    )

    rows = desk.calls.list(where=where)
    if not rows:
        st.info("No calls match these filters.")
        return
    if len(rows) >= SHOWN:
        st.caption(f"The newest {SHOWN} calls; the figures above count them all.")
    st.dataframe(
        [_row(r) for r in rows],
        hide_index=True,
        column_config=TABLE_COLUMNS,
        height=min(36 * len(rows) + 40, 640),
        key="calls_table",
    )


st.markdown("### Calls")
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Calls page failed")
    st.error("The calls could not be loaded: see the server log.")
