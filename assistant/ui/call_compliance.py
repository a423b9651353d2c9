"""The compliance meter above "Place order": what the standard asks, done or still to do."""

from __future__ import annotations

import streamlit as st

from assistant.calls.card import ClientView
from assistant.calls.compliance import meter
from assistant.calls.state import LiveCall
from assistant.i18n import _
from assistant.ui import call_delivery

MARKS = {"done": "✓", "missing": "✗"}


def render(call: LiveCall, client: ClientView) -> None:
    """One line of checks; a missing one in red, so the eye finds what is left."""
    checks = meter(
        offered=call.recorded,
        answered=call.answered,
        lines=call.lines,
        details=call_delivery.details(client),
        regional=client.regional,
    )
    shown = []
    for check in checks:
        if check.state == "n/a":
            continue
        label = _(check.label)
        if check.code == "addons":
            label = _("add-ons offered {count} of 3-4").format(count=check.count)
        text = f"{MARKS[check.state]} {label}"
        shown.append(text if check.state == "done" else f":red[{text}]")
    if shown:
        st.caption(_("Standard: {checks}").format(checks=" · ".join(shown)))
