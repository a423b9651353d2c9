"""Documents of the knowledge base as the Knowledge page names them, in the language now."""

from __future__ import annotations

import pandas as pd

from assistant.editors import texts as t
from assistant.formats import day
from assistant.i18n import _
from knowledge.registry import DocumentInfo


def label(doc: DocumentInfo) -> str:
    return f"{doc.title} · {doc.source}" + (
        "" if doc.status == "indexed" else f" ({status(doc.status)})"
    )


def kind(kind: str) -> str:
    """A document kind in the language now (the registry keeps the code)."""
    return _(t.KB_KINDS[kind]) if kind in t.KB_KINDS else kind


def status(status: str) -> str:
    return _(t.KB_STATUSES[status]) if status in t.KB_STATUSES else status


def action(action: str) -> str:
    return _(t.KB_ACTIONS[action]) if action in t.KB_ACTIONS else action


def when(stamp: object) -> str:
    """A registry time stamp as people read it: the day in the language now, and the minutes."""
    at = pd.Timestamp(stamp)  # type: ignore[arg-type]
    return f"{day(at.date())} {at.strftime('%H:%M')}"


def headers(columns: dict[str, str]) -> dict[str, str]:
    return {key: _(label) for key, label in columns.items()}
