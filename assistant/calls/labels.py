"""The call log's codes as people read them; the log keeps the codes (R1)."""

from __future__ import annotations

from assistant.i18n import N_, _

DIRECTIONS = {"incoming": N_("incoming"), "outgoing": N_("outgoing")}
PURPOSES = {
    "order": N_("Order"),
    "info": N_("Info"),
    "complaint": N_("Complaint"),
    "other": N_("Other"),
}
OUTCOMES = {
    "order_placed": N_("order placed"),
    "transferred": N_("transferred"),
    "info_given": N_("info given"),
    "complaint": N_("complaint"),
    "callback": N_("callback"),
    "no_order": N_("no order"),
    "open": N_("open"),
}
OFFER_KINDS = {
    "new": N_("new"),
    "special": N_("special"),
    "traditional": N_("traditional"),
    "addon": N_("add-on"),
}


def label(labels: dict[str, str], code: str) -> str:
    """A code in the language now (an unknown code as it is, underscores as spaces)."""
    return _(labels[code]) if code in labels else code.replace("_", " ")
