"""The call log (R1): who called, why, what was offered and taken, what came of it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st
from babel.numbers import format_percent

from assistant.calls.labels import OFFER_KINDS, OUTCOMES, PURPOSES, label
from assistant.calls.models import CALL_PURPOSES
from assistant.calls.service import CALL_OUTCOMES, CallFilter
from assistant.errors import DeskError
from assistant.formats import day, number
from assistant.i18n import N_, _, language
from assistant.services import Services
from assistant.ui.deps import services
from assistant.ui.session_user import acting

log = logging.getLogger(__name__)

ALL = "all"
SHOWN = 300
# The table's column keys (stable) and their headings (translated where shown).
TABLE_COLUMNS = {
    "started": N_("Started (UTC)"),
    "caller": N_("Caller"),
    "name": N_("Client name"),
    "direction": N_("Dir."),
    "operator": N_("Operator"),
    "purpose": N_("Purpose"),
    "outcome": N_("Outcome"),
    "transferred_to": N_("Transferred to"),
    "offered": N_("Offered"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    "skipped": N_("Left undone, why"),
    "script": N_("Script version"),
    "notes": N_("Notes"),
}
WIDE = ("name", "offered", "skipped", "notes")


def _choice(labels: dict[str, str]) -> Callable[[str], str]:
    """The format_func of a filter: "all", or a code's label."""
    return lambda code: _("all") if code == ALL else label(labels, code)


def _started(stamp: str) -> str:
    """An ISO time stamp as people read it: the day in the language now and the minutes."""
    return f"{day(date.fromisoformat(stamp[:10]))} {stamp[11:16]}".strip()


def _filters(operators: tuple[str, ...]) -> CallFilter:
    """The filter row: operator, client code, purpose, outcome, days."""
    c1, c2, c3, c4, c5 = st.columns([1, 1, 1, 1, 1.6])
    operator = c1.selectbox(
        _("Operator"),
        [ALL, *operators],
        format_func=lambda o: _("all") if o == ALL else o,
        key="calls_operator",
    )
    client = c2.text_input(_("Client code"), placeholder=_("e.g. M1042"), key="calls_client")
    purpose = c3.selectbox(
        _("Purpose"), [ALL, *CALL_PURPOSES], format_func=_choice(PURPOSES), key="calls_purpose"
    )
    outcome = c4.selectbox(
        _("Outcome"), [ALL, *CALL_OUTCOMES], format_func=_choice(OUTCOMES), key="calls_outcome"
    )
    # One format in both languages: it is part of the widget's identity, so a language
    # switch would otherwise drop the days picked.
    dates = c5.date_input(_("Days"), value=[], format="YYYY-MM-DD", key="calls_dates")
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
        "started": _started(call["started_at"]),
        "caller": call["client"] or call["phone"] or "?",
        "name": call["client_name"] or "",
        "direction": _("in") if call["direction"] == "incoming" else _("out"),
        "operator": call["operator"],
        "purpose": label(PURPOSES, call["purpose"]),
        "outcome": label(OUTCOMES, call["outcome"] or "open"),
        "transferred_to": call["transferred_to"] or "",
        "offered": ", ".join(f"{label(OFFER_KINDS, o['kind'])} {o['sku']}" for o in offers),
        "accepted": ", ".join(o["sku"] for o in offers if o["accepted"] is True),
        "declined": ", ".join(o["sku"] for o in offers if o["accepted"] is False),
        "skipped": "; ".join(f"{req}: {why}" for req, why in call["skipped"].items()),
        "script": call["script_version"] or "",
        "notes": call["notes"] or "",
    }


def _page(desk: Services) -> None:
    """Filters, the figures, and the log itself."""
    where = _filters(desk.calls.operators())
    counts = desk.calls.counts(where=where, actor=acting())
    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric(_("Calls"), number(counts.calls))
    m2.metric(_("Orders placed"), number(counts.orders_placed))
    m3.metric(_("Transfers"), number(counts.transfers))
    m4.metric(_("Offers made"), number(counts.offers_made))
    rate = (
        _("{share} taken").format(
            share=format_percent(counts.offers_accepted / counts.offers_made, locale=language())
        )
        if counts.offers_made
        else None
    )
    m5.metric(
        _("Offers accepted"),
        number(counts.offers_accepted),
        delta=rate,
        delta_color="off",
        delta_arrow="off",
    )

    rows = desk.calls.list(where=where, actor=acting())
    if not rows:
        st.info(_("No calls match these filters."))
        return
    if len(rows) >= SHOWN:
        st.caption(
            _("The newest {shown} calls; the figures above count them all.").format(
                shown=number(SHOWN)
            )
        )
    st.dataframe(
        [_row(r) for r in rows],
        hide_index=True,
        column_config={
            key: st.column_config.TextColumn(_(label), width="medium" if key in WIDE else None)
            for key, label in TABLE_COLUMNS.items()
        },
        height=min(36 * len(rows) + 40, 640),
        key="calls_table",
    )


st.markdown("### " + _("Calls"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Calls page failed")
    st.error(_("The calls could not be loaded: see the server log."))
