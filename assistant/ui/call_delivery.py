"""Delivery, receiver, payment and documents of the order; regional pickup or shipping."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from assistant.calls.card import ClientView
from assistant.calls.live import LiveCall, OrderDetails
from assistant.orders import terms


def render(client: ClientView, call: LiveCall, *, disabled: bool = False) -> OrderDetails:
    """The fields of R16 (and R17 for a regional client), each with its problem beneath."""
    problems = call.problems
    today = date.today()
    left, right = st.columns(2)
    with left:
        day = st.date_input(
            "Delivery date",
            value=terms.first_delivery_day(today),
            min_value=today,
            key="delivery_date",
            format="DD.MM.YYYY",
            disabled=disabled,
        )
        _problem(problems, "delivery.date")
        receivers = list(client.receivers)
        receiver = st.selectbox(
            "Received by",
            receivers,
            index=0 if receivers else None,
            accept_new_options=True,
            placeholder="Authorised person (type a name if not listed)",
            key="receiver",
            disabled=disabled,
        )
        _problem(problems, "receiver")
    with right:
        window = st.selectbox(
            "Window",
            terms.DELIVERY_WINDOWS,
            accept_new_options=True,
            key="delivery_window",
            disabled=disabled,
        )
        payment = st.selectbox("Payment", terms.PAYMENT_METHODS, key="payment", disabled=disabled)
    documents = st.multiselect(
        "Documents to sign",
        terms.DOCUMENTS,
        default=terms.DEFAULT_DOCUMENTS,
        key="documents",
        disabled=disabled,
    )
    regional = _regional(client, problems, disabled) if client.regional else (None, None)
    notes = st.text_input("Note for the warehouse", key="order_notes", disabled=disabled)
    return OrderDetails(
        delivery_date=day if isinstance(day, date) else None,
        window=window,
        receiver=receiver,
        payment=payment,
        documents=list(documents),
        pickup_at=regional[0],
        ship_to=regional[1],
        notes=notes or None,
    )


def _regional(
    client: ClientView, problems: dict[str, str], disabled: bool
) -> tuple[datetime | None, str | None]:
    """R17: the regional client collects at the warehouse or has the goods shipped."""
    how = st.radio(
        "Regional client",
        terms.REGIONAL_MODES,
        index=None,
        horizontal=True,
        key="regional_mode",
        disabled=disabled,
    )
    _problem(problems, "regional")
    if how == terms.PICKUP:
        when = st.datetime_input(
            "Comes to collect at",
            value=terms.default_pickup(date.today()),
            key="pickup_at",
            disabled=disabled,
        )
        _problem(problems, "regional.pickup_at")
        return (when if isinstance(when, datetime) else None), None
    if how == terms.SHIPPING:
        ship_to = st.text_area(
            "Ship to (address, carrier, contact)",
            value=client.default_address or "",
            key="ship_to",
            disabled=disabled,
        )
        return None, ship_to or None
    return None, None


def _problem(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")
