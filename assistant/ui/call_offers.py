"""Right column of the live call: what to offer, each with one-click add or declined."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from assistant.clients.card import ClientCard
from assistant.errors import DeskError
from assistant.offers import OfferItem
from assistant.orders.quote import whole_packs
from assistant.services import Services
from assistant.ui.state import LiveCall
from assistant.ui.widgets import OFFER_TITLES

OFFER_KIND = {"new": "new", "special": "special", "traditional": "traditional", "addons": "addon"}


def shown_offers(card: ClientCard) -> list[tuple[str, str]]:
    """(sku, kind) of every offer on screen, to record as made (R12)."""
    return [
        (item.sku, OFFER_KIND[group])
        for group in OFFER_TITLES
        for item in getattr(card.offers, group)
    ]


def render(desk: Services, call: LiveCall, card: ClientCard, *, can_order: bool) -> None:
    """Offers grouped by kind; add puts the usual quantity on the order."""
    st.markdown("#### Offer now")
    if card.client is None:
        st.caption("Offers appear once the caller is known.")
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
        _answer(desk, call, item.sku, accepted=True)
        pack = _pack(desk, item.sku)
        usual = Decimal(str(item.usual_qty)) if item.usual_qty else pack
        call.add(item.sku, whole_packs(usual, pack))
        st.rerun()
    if no.button(
        "",
        icon=":material/close:",
        key=f"no-{key}",
        help="Client declined",
        disabled=answer is not None,
    ):
        _answer(desk, call, item.sku, accepted=False)
        st.rerun()


def _answer(desk: Services, call: LiveCall, sku: str, *, accepted: bool) -> None:
    call.answered[sku] = accepted
    if call.call_id is None:
        return
    try:
        desk.calls.answer_offer(call_id=call.call_id, sku=sku, accepted=accepted)
    except DeskError as err:
        st.toast(err.message)


def _pack(desk: Services, sku: str) -> Decimal:
    hit = desk.catalog.get(sku, column=None)
    return hit.pack_size if hit is not None else Decimal(1)
