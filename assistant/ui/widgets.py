"""Small rendering helpers shared by the pages: each takes a service result, draws it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:  # app.py draws through this module before the desk's services load
    from assistant.clients.routing import RouteDecision
    from assistant.credit.service import CreditStatus
    from assistant.offers import Offers

# Denser than Streamlit's defaults: operators keep this screen open all day.
COMPACT_CSS = """<style>
.block-container {padding-top: 3.2rem; padding-bottom: 1rem; max-width: 100%;}
div[data-testid="stVerticalBlock"] {gap: 0.55rem;}
h4 {padding-top: 0.2rem; padding-bottom: 0.2rem;}
</style>"""

UNEXPECTED_ERROR = (
    "Something went wrong on this page and it has been logged. What you entered is kept: "
    "try again, or tell your supervisor if it repeats."
)

OFFER_TITLES = {
    "new": "New items",
    "special": "Special positions",
    "traditional": "Traditional for this client",
    "addons": "Offer also",
}


def route_box(route: RouteDecision) -> None:
    """The route decision: the first thing the eye must find."""
    if route.takes_order:
        st.success(f"**Take the order.** {route.reason}")
    elif route.to is not None:
        st.warning(f"**Transfer to {route.to.title}.** {route.reason}")
    else:
        st.warning(f"**Transfer.** {route.reason}")


def credit_box(credit: CreditStatus, *, known: bool) -> None:
    """Credit: blocked with the reason, or fine with the headroom."""
    if not known:
        return
    if credit.blocked:
        st.error(f"**Credit blocked.** {credit.reason}")
    else:
        st.info(f"**Credit ok.** {credit.reason}")


OFFERS_LOADING = "offers: loading… (the offers model is warming up after a restart)"


def offers_panel(offers: Offers | None) -> None:
    """New, special, traditional and add-on items, each with why."""
    if offers is None:
        st.caption(OFFERS_LOADING)
        return
    for kind, title in OFFER_TITLES.items():
        items = getattr(offers, kind)
        if not items:
            continue
        st.markdown(f"**{title}**")
        for item in items:
            price = f" · {item.price:,.2f}" if item.price is not None else ""
            st.markdown(
                f"- `{item.sku}` {item.name}{price}  \n  <small>{item.why}</small>",
                unsafe_allow_html=True,
            )


@st.fragment(run_every="1s")
def loading(message: str, *, ready: Callable[[], bool]) -> None:
    """A "loading" line that looks again each second and redraws the page once ready."""
    if ready():
        st.rerun()  # the whole page, so every panel shows what is now ready
    st.caption(message)
