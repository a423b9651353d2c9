"""Delivery, receiver, payment and documents of the order; regional pickup or shipping."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from assistant.calls.card import ClientView
from assistant.calls.state import LiveCall, OrderDetails
from assistant.i18n import _
from assistant.orders import terms
from assistant.ui import training_call


def render(client: ClientView, call: LiveCall, *, disabled: bool = False) -> None:
    """The fields of R16 (and R17 for a regional client), each with its problem beneath."""
    problems = call.problems
    today = _today()
    left, right = st.columns(2)
    with left:
        st.date_input(
            _("Delivery date"),
            value=terms.first_delivery_day(today),
            min_value=today,
            key="delivery_date",
            on_change=_agreed,
            args=(client,),
            format="DD.MM.YYYY",
            disabled=disabled,
        )
        _problem(problems, "delivery.date")
        receivers = list(client.receivers)
        st.selectbox(
            _("Received by"),
            receivers,
            index=0 if receivers else None,
            accept_new_options=True,
            placeholder=_("Authorised person (type a name if not listed)"),
            key="receiver",
            on_change=_agreed,
            args=(client,),
            disabled=disabled,
        )
        _problem(problems, "receiver")
    with right:
        st.selectbox(
            _("Delivery window"),
            terms.DELIVERY_WINDOWS,
            accept_new_options=True,
            key="delivery_window",
            on_change=_agreed,
            args=(client,),
            disabled=disabled,
        )
        _problem(problems, "delivery_window")
        st.selectbox(
            _("Payment"),
            terms.PAYMENT_METHODS,
            format_func=terms.label,
            key="payment",
            on_change=_agreed,
            args=(client,),
            disabled=disabled,
        )
    # Pills, not a multiselect: one click each, and measured in Chromium the multiselect
    # slowed every redraw of the order (product search p95 ~440 -> ~270 ms).
    st.pills(
        _("Documents to sign"),
        terms.DOCUMENTS,
        format_func=terms.label,
        selection_mode="multi",
        default=terms.DEFAULT_DOCUMENTS,
        key="documents",
        on_change=_agreed,
        args=(client,),
        disabled=disabled,
    )
    if client.regional:
        _regional(client, problems, disabled)
    st.text_input(_("Note for the warehouse"), key="order_notes", disabled=disabled)
    _problem(problems, "notes")


def details(client: ClientView) -> OrderDetails:
    """What the fields hold now (read in the place button's callback, before a redraw)."""
    state = st.session_state
    day = state.get("delivery_date")
    mode = state.get("regional_mode") if client.regional else None
    pickup = state.get("pickup_at") if mode == terms.PICKUP else None
    return OrderDetails(
        delivery_date=day if isinstance(day, date) else None,
        window=state.get("delivery_window"),
        receiver=state.get("receiver"),
        payment=state.get("payment"),
        documents=list(state.get("documents") or ()),
        pickup_at=pickup if isinstance(pickup, datetime) else None,
        ship_to=(state.get("ship_to") or None) if mode == terms.SHIPPING else None,
        notes=state.get("order_notes") or None,
    )


def _regional(client: ClientView, problems: dict[str, str], disabled: bool) -> None:
    """R17: the regional client collects at the warehouse or has the goods shipped."""
    how = st.radio(
        _("Regional client"),
        terms.REGIONAL_MODES,
        format_func=terms.label,
        index=None,
        horizontal=True,
        key="regional_mode",
        on_change=_agreed,
        args=(client,),
        disabled=disabled,
    )
    _problem(problems, "regional")
    if how == terms.PICKUP:
        st.datetime_input(
            _("Comes to collect at"),
            value=terms.default_pickup(_today()),
            key="pickup_at",
            on_change=_agreed,
            args=(client,),
            disabled=disabled,
        )
        _problem(problems, "regional.pickup_at")
    elif how == terms.SHIPPING:
        st.text_area(
            _("Ship to (address, carrier, contact)"),
            value=client.default_address or "",
            key="ship_to",
            on_change=_agreed,
            args=(client,),
            disabled=disabled,
        )
        _problem(problems, "ship_to")


# The problems drawn beneath their own field; the place button says any other.
BESIDE_FIELDS = (
    "delivery.date",
    "receiver",
    "delivery_window",
    "notes",
    "regional",
    "regional.pickup_at",
    "ship_to",
)


def _today() -> date:
    """The desk's day: a training call's sandbox runs on a day of its own (its scenarios'
    "tomorrow" is the day after it)."""
    training = training_call.active()
    return training.sandbox.today if training is not None else date.today()


def _agreed(client: ClientView) -> None:
    """On a training call, the client answers once the delivery section is worked."""
    training = training_call.active()
    if training is not None:
        training.agree_delivery(details(client))


def _problem(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")
