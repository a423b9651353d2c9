"""Delivery, receiver, payment and documents of the order; regional pickup or shipping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import streamlit as st

from assistant.clients.models import Client
from assistant.orders.draft import OrderDraft
from assistant.ui.state import LiveCall

WINDOWS = ["08-12", "12-16", "16-20"]
PAYMENTS = ["invoice (bank transfer)", "cash on delivery", "prepayment", "card on delivery"]
DOCUMENTS = ["invoice", "delivery note", "quality certificate", "HACCP statement"]


@dataclass(frozen=True)
class Details:
    """What the form holds besides the lines."""

    delivery_date: date | None
    window: str | None
    receiver: str | None
    payment: str | None
    documents: list[str]
    pickup_at: datetime | None
    ship_to: str | None
    notes: str | None


def render(client: Client, call: LiveCall) -> Details:
    """The fields of R16 (and R17 for a regional client), each with its problem beneath."""
    problems = call.problems
    left, right = st.columns(2)
    with left:
        day = st.date_input(
            "Delivery date",
            value=date.today() + timedelta(days=1),
            min_value=date.today(),
            key="delivery_date",
            format="DD.MM.YYYY",
        )
        _problem(problems, "delivery.date")
        receivers = [p.name for p in client.receivers]
        receiver = st.selectbox(
            "Received by",
            receivers,
            index=0 if receivers else None,
            accept_new_options=True,
            placeholder="Authorised person (type a name if not listed)",
            key="receiver",
        )
        _problem(problems, "receiver")
    with right:
        window = st.selectbox("Window", WINDOWS, accept_new_options=True, key="delivery_window")
        payment = st.selectbox("Payment", PAYMENTS, key="payment")
    documents = st.multiselect(
        "Documents to sign", DOCUMENTS, default=DOCUMENTS[:2], key="documents"
    )
    pickup_at, ship_to = _regional(client, problems) if client.regional else (None, None)
    notes = st.text_input("Note for the warehouse", key="order_notes")
    return Details(
        delivery_date=day if isinstance(day, date) else None,
        window=window,
        receiver=receiver,
        payment=payment,
        documents=list(documents),
        pickup_at=pickup_at,
        ship_to=ship_to,
        notes=notes or None,
    )


def _regional(client: Client, problems: dict[str, str]) -> tuple[datetime | None, str | None]:
    """R17: the regional client collects at the warehouse or has the goods shipped."""
    how = st.radio(
        "Regional client",
        ["collects at the warehouse", "ship to the client"],
        index=None,
        horizontal=True,
        key="regional_mode",
    )
    _problem(problems, "regional")
    if how == "collects at the warehouse":
        when = st.datetime_input(
            "Comes to collect at",
            value=datetime.combine(date.today() + timedelta(days=1), time(10, 0)),
            key="pickup_at",
        )
        _problem(problems, "regional.pickup_at")
        return (when if isinstance(when, datetime) else None), None
    if how == "ship to the client":
        default = next((a.address for a in client.addresses if a.is_default), None)
        default = default or (client.addresses[0].address if client.addresses else "")
        ship_to = st.text_area("Ship to (address, carrier, contact)", value=default, key="ship_to")
        return None, ship_to or None
    return None, None


def _problem(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")


def draft(client: Client, call: LiveCall, details: Details, override: str | None) -> OrderDraft:
    """The order as placement takes it."""
    return OrderDraft(
        client_code=client.code,
        idempotency_key=call.order_key,
        lines=tuple(call.draft_lines()),
        delivery_date=details.delivery_date,
        delivery_window=details.window,
        receiver=details.receiver,
        payment=details.payment,
        documents=tuple(details.documents),
        pickup_at=details.pickup_at,
        ship_to=details.ship_to,
        notes=details.notes,
        call_id=call.call_id,
        override_route_reason=override,
    )
