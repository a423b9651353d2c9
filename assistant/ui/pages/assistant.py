"""Ask: the chat on its own page, with procedures changed since the operator's last shift."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from assistant import formats
from assistant.chat import texts
from assistant.i18n import _
from assistant.services import Services
from assistant.timeutil import utcnow
from assistant.ui.chat_panel import (
    Exchange,
    ask,
    asked_before,
    retry_due,
    show,
    wait_for_index,
)
from assistant.ui.deps import services

HISTORY_KEY = "ask_history"
SPANS = {"24h": timedelta(hours=24), "3d": timedelta(days=3), "7d": timedelta(days=7)}


def changed_since(desk: Services) -> None:
    """Procedures published in the last 24 hours (or 3 or 7 days): what changed since a shift."""
    span = (
        st.segmented_control(
            _(texts.CHANGED_SINCE),
            list(texts.CHANGED_CHOICES),
            format_func=_span_label,
            default="24h",
            required=True,
            key="changed_span",
            label_visibility="collapsed",
        )
        or "24h"
    )
    since = utcnow() - SPANS[span]
    label = _span_label(span)
    changed = desk.knowledge_registry.changed_since(since=since)
    if not changed:
        st.caption(_(texts.CHANGED_NONE).format(since=label))
        return
    with st.expander(_(texts.CHANGED_TITLE).format(since=label) + f" ({len(changed)})"):
        st.markdown(
            "\n".join(
                _(texts.CHANGED_LINE).format(
                    title=doc.title,
                    version=doc.version,
                    at=f"{formats.day(doc.ingested_at.date())} {doc.ingested_at:%H:%M}",
                    by=doc.ingested_by,
                )
                for doc in changed
            )
        )


def _span_label(span: str) -> str:
    return _(texts.CHANGED_CHOICES[span])


desk = services()
st.markdown(f"#### {_(texts.ASK_TITLE)}")
st.caption(_(texts.ASK_INTRO))
changed_since(desk)
indexing = wait_for_index()
client_col, clear_col = st.columns([3, 1], vertical_alignment="bottom")
client_code = client_col.text_input(
    _(texts.ASK_CLIENT), key="ask_client", help=_(texts.ASK_CLIENT_HELP)
).strip()
history: list[Exchange] = st.session_state.setdefault(HISTORY_KEY, [])
if clear_col.button(_(texts.CLEAR_CHAT), key="ask_clear", width="stretch"):
    history.clear()
for number, exchange in enumerate(history):
    with st.chat_message("user"):
        st.markdown(exchange.question)
    with st.chat_message("assistant"):
        # The last question, unanswered while the knowledge base was down, is asked again.
        if number == len(history) - 1 and retry_due(exchange, key="ask"):
            history[number] = ask(
                exchange.question,
                client_code=client_code or None,
                after=asked_before(history[:number]),
            )
        else:
            show(exchange)
question = st.chat_input(_(texts.CHAT_PLACEHOLDER), key="ask_input", disabled=indexing)
if question and question.strip():
    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        # Earlier questions of this chat: a follow-up is answered in their context.
        earlier = asked_before(history)
        history.append(ask(question, client_code=client_code or None, after=earlier))
