"""The compliance meter above "Place order": what the standard asks, done or still to do.

With something missing the order can still be placed, but one click says why; the reason
is recorded with the call (`skipped`), one per requirement left undone.
"""

from __future__ import annotations

import streamlit as st

from assistant.calls.compliance import Check, skippable
from assistant.calls.state import LiveCall
from assistant.i18n import N_, _

MARKS = {"done": "✓", "missing": "✗"}
REASON_KEY = "skip_reason"
REASONS = (
    N_("client in a hurry"),
    N_("client refused offers"),
    N_("client knows the offers"),
    N_("offered earlier today"),
)


def reason_key(call: LiveCall) -> str:
    """One reason per order: a caller typed over, or the next order, starts without one."""
    return f"{REASON_KEY}-{call.order_key}"


def render(checks: list[Check], call: LiveCall) -> None:
    """One line of checks, a missing one in red; the reason chips when something is missing."""
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
    if skippable(checks):
        st.pills(
            _("Placing with something missing? Say why, one click:"),
            list(REASONS),
            format_func=_,
            key=reason_key(call),
        )


def reasons(checks: list[Check], call: LiveCall) -> dict[str, str] | None:
    """{requirement: reason} for what is missing; None when a reason is needed and not given."""
    undone = skippable(checks)
    if not undone:
        return {}
    chosen = st.session_state.get(reason_key(call))
    if not chosen:
        return None
    return {check.requirement: _(chosen) for check in undone}


def ask_reason(checks: list[Check]) -> str:
    """What to do when the order is placed with something missing and no reason."""
    items = ", ".join(_(c.label) for c in skippable(checks))
    return _("Not done yet: {items}. Do it first, or click the reason above.").format(items=items)
