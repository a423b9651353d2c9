"""Right column of the live call: what to offer, each with one-click add or declined."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

import streamlit as st

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.offers import OfferItem, Offers
from assistant.services import Services
from assistant.ui.session_user import acting
from assistant.ui.widgets import OFFER_TITLES, OFFERS_LOADING, loading

FRAGMENT = "offers"
FEW = 2  # new items and specials said at once (R11)
USUAL = 5  # traditional products reminded at once
ADDONS = 4  # R12: three or four more items


def render(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """Offers grouped by kind, for the order as it is now; add puts the usual quantity on it."""
    st.markdown("#### " + _("Offer now"))
    if card.client is None:
        st.caption(_("Offers appear once the caller is known."))
        return
    offers = desk.live.offers(call, card, actor=acting())
    if offers is None:
        loading(OFFERS_LOADING, ready=lambda: desk.offers.ready)
        return
    can_order = not card.credit.blocked and not call.placed_order_no
    # One line instead of a tooltip on every button: ~40 tooltips slowed every redraw of
    # the page in Chromium (the order's search by ~60 ms), and the two icons are learnt once.
    st.caption(
        _("The + button puts it on the order in the usual quantity; ✕: the client declined.")
    )
    everything = st.toggle(_("All offers"), key="all_offers")
    # In the script's order: what to mention first, then the programmes, then the add-ons.
    for group, items in in_script_order(offers, call.lines, everything=everything):
        if group == "discounts":
            _discount_prompts(desk, call, card)
            continue
        if not items:
            continue
        st.markdown(f"**{_(OFFER_TITLES[group])}**")
        for item in items:
            _offer_row(desk, call, item, can_order=can_order)


def in_script_order(
    offers: Offers, lines: Collection[str], *, everything: bool = False
) -> list[tuple[str, list[OfferItem]]]:
    """The offers as the script meets them; without `everything`, only the few to say now:
    1-2 new items and specials, the usual items missing from the draft, 3-4 add-ons."""
    missing = [item for item in offers.traditional if item.sku not in lines]
    if everything:
        return [
            ("new", offers.new),
            ("special", offers.special),
            ("traditional", offers.traditional),
            ("discounts", []),
            ("addons", offers.addons),
        ]
    return [
        ("new", offers.new[:FEW]),
        ("special", offers.special[:FEW]),
        ("traditional", missing[:USUAL]),
        ("discounts", []),
        ("addons", offers.addons[:ADDONS]),
    ]


def _discount_prompts(desk: Services, call: LiveCall, card: ClientCard) -> None:
    if not call.lines:
        return
    prompts = desk.live.quote(call, card).prompts
    if prompts:
        title = _("Discounts in reach")
        st.markdown(f"**{title}**")
    for said in prompts:
        st.caption("💬 " + said.text)


def _offer_row(desk: Services, call: LiveCall, item: OfferItem, *, can_order: bool) -> None:
    text, add, no = st.columns([6, 1, 1], vertical_alignment="center")
    price = f" · {formats.money(item.price)}" if item.price is not None else ""
    answer = call.answered.get(item.sku)
    mark = " ✓" if answer else (" ✗" if answer is False else "")
    text.markdown(
        # SKUs, names and reasons come from imported data: escaped, never markup (R21). The
        # SKU too: a backtick in it would close a Markdown code span and free what follows.
        f"<code>{escape(item.sku)}</code> {escape(item.name)}{price}{mark}  \n"
        f"<small>{escape(item.why)}</small>",
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
        desk.live.take_offer(call, item, actor=acting())
    except DeskError as err:
        st.toast(err.message)
    # The line shows in the order beside the offers.
    st.rerun([FRAGMENT, "order"])


def _decline(desk: Services, call: LiveCall, item: OfferItem) -> None:
    try:
        desk.live.answer_offer(call, sku=item.sku, accepted=False, actor=acting())
    except DeskError as err:
        st.toast(err.message)
    # The compliance meter beside the order counts the answer.
    st.rerun([FRAGMENT, "order"])
