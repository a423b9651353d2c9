"""Codes of call tasks and surveys as people read them; SQL and the JSON keep the codes."""

from __future__ import annotations

from assistant.i18n import N_, _

TASK_CLIENT_STATUS = {
    "pending": N_("to call"),
    "done": N_("done"),
    "unreachable": N_("unreachable"),
}
SURVEY_KIND = {
    "yesno": N_("yes / no"),
    "choice": N_("choice"),
    "number": N_("number"),
    "text": N_("text"),
}
YES_NO = {"yes": N_("yes"), "no": N_("no")}


def label(labels: dict[str, str], code: str) -> str:
    """A code in the language now (an unknown code as it is)."""
    return _(labels[code]) if code in labels else code
