"""Right column of the live call: what to offer, each with one-click add or declined."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.live import LiveCall
from assistant.errors import DeskError
from assistant.offers import OfferItem
from assistant.services import Services
from assistant.ui.widgets import OFFER_TITLES, OFFERS_LOADING


def render(desk: Services, call: LiveCall, card: ClientCard, *, can_order: bool) -> None:
    """Offers grouped by kind; add puts the usual quantity on the order."""
    st.markdown("#### Offer now")
    if card.client is None:
        st.caption("Offers appear once the caller is known.")
        return
    if card.offers is None:
        st.caption(OFFERS_LOADING)
        return
    for group, title in OFFER_TITLES.items():
        items: list[OfferItem] = getattr(card.offers, group)
        if not items:
            continue
        st.markdown(f"**{title}**")
        for item in items:
            _offer_row(desk, call, item, can_order=can_order)


def _offer_row(desk: Services, call: LiveCall, item: OfferItem, *, can_order: bool) -> None:
    text, add, no = st.columns([6, 1, 1], vertical_alignment="center")
    price = f" · {item.price:,.2f}" if item.price is not None else ""
    answer = call.answered.get(item.sku)
    mark = " ✓" if answer else (" ✗" if answer is False else "")
    text.markdown(
        f"`{item.sku}` {item.name}{price}{mark}  \n<small>{item.why}</small>",
        unsafe_allow_html=True,
    )
    key = f"{item.kind}-{item.sku}"
    if add.button(
        "",
        icon=":material/add:",
        key=f"add-{key}",
        help="Add to the order",
        disabled=not can_order,
    ):
        _toast_on_error(lambda: desk.live.take_offer(call, item))
        st.rerun()
    if no.button(
        "",
        icon=":material/close:",
        key=f"no-{key}",
        help="Client declined",
        disabled=answer is not None,
    ):
        _toast_on_error(lambda: desk.live.answer_offer(call, sku=item.sku, accepted=False))
        st.rerun()


def _toast_on_error(step: Callable[[], None]) -> None:
    try:
        step()
    except DeskError as err:
        st.toast(err.message)
