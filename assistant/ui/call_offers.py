"""Right column of the live call: what to offer, each with one-click add or declined."""

from __future__ import annotations

import streamlit as st

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.offers import OfferItem
from assistant.services import Services
from assistant.ui.widgets import OFFER_TITLES, OFFERS_LOADING, loading

FRAGMENT = "offers"


def render(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """Offers grouped by kind, for the order as it is now; add puts the usual quantity on it."""
    st.markdown("#### " + _("Offer now"))
    if card.client is None:
        st.caption(_("Offers appear once the caller is known."))
        return
    offers = desk.live.offers(call, card)
    if offers is None:
        loading(OFFERS_LOADING, ready=lambda: desk.offers.ready)
        return
    can_order = not card.credit.blocked and not call.placed_order_no
    # One line instead of a tooltip on every button: ~40 tooltips slowed every redraw of
    # the page in Chromium (the order's search by ~60 ms), and the two icons are learnt once.
    st.caption(
        _("The + button puts it on the order in the usual quantity; ✕: the client declined.")
    )
    for group, title in OFFER_TITLES.items():
        items: list[OfferItem] = getattr(offers, group)
        if not items:
            continue
        st.markdown(f"**{_(title)}**")
        for item in items:
            _offer_row(desk, call, item, can_order=can_order)


def _offer_row(desk: Services, call: LiveCall, item: OfferItem, *, can_order: bool) -> None:
    text, add, no = st.columns([6, 1, 1], vertical_alignment="center")
    price = f" · {formats.money(item.price)}" if item.price is not None else ""
    answer = call.answered.get(item.sku)
    mark = " ✓" if answer else (" ✗" if answer is False else "")
    text.markdown(
        f"`{item.sku}` {item.name}{price}{mark}  \n<small>{item.why}</small>",
        unsafe_allow_html=True,
    )
    key = f"{item.kind}-{item.sku}"
    add.button(
        "",
        icon=":material/add:",
        key=f"add-{key}",
        disabled=not can_order,
        on_click=_take,
        args=(desk, call, item),
    )
    no.button(
        "",
        icon=":material/close:",
        key=f"no-{key}",
        disabled=answer is not None,
        on_click=_decline,
        args=(desk, call, item),
    )


def _take(desk: Services, call: LiveCall, item: OfferItem) -> None:
    try:
        desk.live.take_offer(call, item)
    except DeskError as err:
        st.toast(err.message)
    # The line shows in the order beside the offers.
    st.rerun([FRAGMENT, "order"])


def _decline(desk: Services, call: LiveCall, item: OfferItem) -> None:
    try:
        desk.live.answer_offer(call, sku=item.sku, accepted=False)
    except DeskError as err:
        st.toast(err.message)
    # The compliance meter beside the order counts the answer.
    st.rerun([FRAGMENT, "order"])
