"""The live call below the caller box: the card, the order, offers, Ask and the wrap-up.

Each panel an action does not touch is a fragment of its own, so a line added or an
order placed redraws the order (and what follows from it), never the whole screen.
"""

from __future__ import annotations

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.state import LiveCall
from assistant.clients.lookup import ClientMatch
from assistant.i18n import N_, _
from assistant.services import Services
from assistant.ui import (
    call_card,
    call_draft,
    call_offers,
    call_order,
    call_wrapup,
    chat_panel,
    training_call,
)
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from assistant.ui.state import live_call
from assistant.ui.widgets import loading

ASK_LOADING = N_("Ask: the knowledge base is loading… questions may take longer meanwhile.")


def render(query: str, purpose: str) -> None:
    """Everything about the caller in `query`, or a hint while nobody is typed."""
    desk = services()
    call = live_call()
    call.purpose = purpose
    if not query.strip():
        st.caption(_("Type the caller's phone, client code or name. Enter takes the first match."))
        call_draft.offer(desk, call)  # the operator's call a reload or a dead process took away
        return
    picked = _picked(desk, query)
    client_id = picked.client_id if picked else None
    card = desk.live.card(call, query=query, purpose=purpose, client_id=client_id, actor=acting())
    training = training_call.active()
    if training is not None:
        training.card = card  # the client the trainee has on screen: Ask and the score use it
    if card.client is not None and call.offered_to != card.client.id:
        # The order (drawn first) shows the compliance meter, which counts the offers: a
        # new caller's offers are known before it, then the offers panel keeps them fresh.
        desk.live.offers(call, card, actor=acting())
    left, middle, right = st.columns([1.15, 1.75, 1.1], gap="medium")
    with left:
        call_card.render(desk, call, card)
    with middle:
        _order(desk, call, card)
    with right:
        # One collapsed line above the offers: found without scrolling, opened when needed.
        if not desk.knowledge_ready.is_set():
            loading(ASK_LOADING, ready=desk.knowledge_ready.is_set)
        _ask(card.client.code if card.client else None)
        _offers(desk, call, card)
    _wrap_up(desk, call, card)
    call_draft.keep(desk, call)  # the caller, or what the card's actions changed


def _picked(desk: Services, query: str) -> ClientMatch | None:
    """The first match, unless the operator picks another of several."""
    matches = desk.cards.matches(query, actor=acting())
    if len(matches) <= 1:
        return matches[0] if matches else None
    labels = {m.client_id: f"{m.name} · {m.code} · {m.city or ''}" for m in matches}
    chosen = st.pills(
        _("Matches"),
        list(labels),
        format_func=labels.__getitem__,
        default=matches[0].client_id,
        key=f"match-{query}",
        label_visibility="collapsed",
    )
    return next((m for m in matches if m.client_id == chosen), matches[0])


def lock_reason(card: ClientCard) -> str | None:
    """Why the order form is locked, in one sentence, or None (never in an exam)."""
    if card.credit.blocked and not training_call.exam():
        return _("Order form locked. {reason}").format(reason=card.credit.reason)
    return None


@st.fragment(key=call_order.FRAGMENT)
def _order(desk: Services, call: LiveCall, card: ClientCard) -> None:
    call_order.render(desk, call, card, locked=lock_reason(card))
    call_draft.keep_in_fragment(desk, call)


@st.fragment(key=call_offers.FRAGMENT)
def _offers(desk: Services, call: LiveCall, card: ClientCard) -> None:
    call_offers.render(desk, call, card)
    call_draft.keep_in_fragment(desk, call)


@st.fragment(key="ask")
def _ask(client_code: str | None) -> None:
    chat_panel.beside_call(client_code=client_code)


@st.fragment(key=call_wrapup.FRAGMENT)
def _wrap_up(desk: Services, call: LiveCall, card: ClientCard) -> None:
    call_wrapup.render(desk, call, card)
    call_draft.keep_in_fragment(desk, call)
