"""Small rendering helpers shared by the pages: each takes a service result, draws it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

import streamlit as st

from assistant import formats
from assistant.i18n import N_, _
from assistant.i18n.texts import Chosen

if TYPE_CHECKING:  # app.py draws through this module before the desk's services load
    from assistant.calls.card import ManagerView
    from assistant.clients.routing import RouteDecision
    from assistant.credit.service import CreditStatus
    from assistant.offers import Offers

# Denser than Streamlit's defaults: operators keep this screen open all day.
COMPACT_CSS = """<style>
.block-container {padding-top: 3.2rem; padding-bottom: 1rem; max-width: 100%;}
div[data-testid="stVerticalBlock"] {gap: 0.55rem;}
h4 {padding-top: 0.2rem; padding-bottom: 0.2rem;}
</style>"""

UNEXPECTED_ERROR = N_(
    "Something went wrong on this page and it has been logged. What you entered is kept: "
    "try again, or tell your supervisor if it repeats."
)

# Shown through _() where drawn: the keys stay, the titles follow the session's language.
OFFER_TITLES = {
    "new": N_("New items"),
    "special": N_("Special positions"),
    "traditional": N_("Traditional for this client"),
    "addons": N_("Offer also"),
}


def route_box(route: RouteDecision) -> None:
    """The route decision: the first thing the eye must find."""
    if route.takes_order:
        st.success(_("**Take the order.** {reason}").format(reason=route.reason))
    elif route.to is not None:
        st.warning(
            _("**Transfer to {to}.** {reason}").format(to=route.to.title, reason=route.reason)
        )
    else:
        st.warning(_("**Transfer.** {reason}").format(reason=route.reason))


def credit_box(credit: CreditStatus, *, known: bool) -> None:
    """Credit: blocked with the reason, or fine with the headroom."""
    if not known:
        return
    if credit.blocked:
        st.error(_("**Credit blocked.** {reason}").format(reason=credit.reason))
    else:
        st.info(_("**Credit ok.** {reason}").format(reason=credit.reason))


OFFERS_LOADING = N_("offers: loading… (the offers model is warming up after a restart)")


def offers_panel(offers: Offers | None) -> None:
    """New, special, traditional and add-on items, each with why."""
    if offers is None:
        st.caption(_(OFFERS_LOADING))
        return
    for kind, title in OFFER_TITLES.items():
        items = getattr(offers, kind)
        if not items:
            continue
        st.markdown(f"**{_(title)}**")
        for item in items:
            price = f" · {formats.money(item.price)}" if item.price is not None else ""
            # Imported SKU, name and reason: escaped (a backtick would end a code span).
            st.markdown(
                f"- <code>{escape(item.sku)}</code> {escape(item.name)}{price}  \n"
                f"  <small>{escape(item.why)}</small>",
                unsafe_allow_html=True,
            )


@st.fragment(run_every="1s")
def loading(message: str, *, ready: Callable[[], bool]) -> None:
    """A "loading" line that looks again each second and redraws the page once ready.

    `message` is the English text (an N_ constant): it is translated at each redraw, so
    a language switch shows in the line too.
    """
    if ready():
        st.rerun()  # the whole page, so every panel shows what is now ready
    st.caption(_(message))


def say_line(said: Chosen[str]) -> None:
    """Words for the client, quoted; a notice beneath when they are in the other language."""
    st.markdown(_("**Say:** “{line}”").format(line=said.value))
    if said.notice:
        st.caption(said.notice)


def manager_label(manager: ManagerView | None) -> str:
    """The client's manager and whether present, as the card and the Clients page say it."""
    if manager is None:
        return _("no manager")
    if manager.available:
        return _("{name} (present)").format(name=manager.name)
    return _("{name} (absent)").format(name=manager.name)
