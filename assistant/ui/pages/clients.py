"""Clients: find one, see the same card as on a call, its order history and its debts."""

from __future__ import annotations

import logging
import zlib

import pandas as pd
import streamlit as st

from assistant.calls.card import ClientCard
from assistant.errors import DeskError
from assistant.orders.account import Debts, OrderHistory
from assistant.services import Services
from assistant.timeutil import today
from assistant.ui.deps import services
from assistant.ui.widgets import credit_box, offers_panel, route_box

log = logging.getLogger(__name__)

HISTORY_ORDERS = 20
OVERDUE_STYLE = "color: #b42318; font-weight: 600"
# Column headings of the three tables (the data keeps short lower-case names).
LABELS = {
    "order": "Order",
    "placed": "Placed",
    "delivery": "Delivery",
    "status": "Status",
    "lines": "Lines",
    "date": "Date",
    "document": "Document",
    "due": "Due",
    "amount": "Amount",
    "paid": "Paid",
    "open": "Open",
    "state": "State",
}


def _card(card: ClientCard) -> None:
    """Who the client is, the route, credit and price column, as on a call."""
    client = card.client
    assert client is not None
    st.subheader(f"{client.name}  ·  {client.code}")
    manager = (
        f"{client.manager.name} ({'present' if client.manager.available else 'absent'})"
        if client.manager
        else "no manager"
    )
    where = f"{client.city or 'no city'}{' · regional' if client.regional else ''}"
    st.caption(f"{card.type_label} · {where} · manager: {manager}")
    phones = ", ".join(client.phones_as_typed) or "—"
    receivers = ", ".join(client.receivers) or "—"
    st.caption(f"Phones: {phones} · Receivers: {receivers}")
    route_box(card.route)
    credit_box(card.credit, known=True)
    if card.column:
        st.markdown(f"**Price column {card.column.column}** — {card.column.why}")


def _history(history: OrderHistory) -> None:
    """Desk orders first (they are the newest), then the ERP history grouped by order."""
    st.markdown("##### Orders")
    if history.empty:
        st.caption("No orders yet.")
        return
    if history.desk:
        st.caption("Placed at the desk")
        st.dataframe(
            [
                {
                    "order": o.order_no,
                    "placed": o.placed_on.isoformat(),
                    "delivery": o.delivery_date.isoformat(),
                    "status": o.status,
                    "lines": o.lines_count,
                    "total": o.total,
                }
                for o in history.desk
            ],
            hide_index=True,
            column_config={
                **LABELS,
                "total": st.column_config.NumberColumn("Total", format="%.2f"),
            },
            key="clients_desk_orders",
        )
    if history.past:
        st.caption(f"Order history (the last {len(history.past)})")
        st.dataframe(
            [
                {
                    "order": o.order_no,
                    "date": o.order_date.isoformat(),
                    "lines": o.lines_count,
                    "total": o.total,
                }
                for o in history.past
            ],
            hide_index=True,
            column_config={
                **LABELS,
                "total": st.column_config.NumberColumn("Total", format="%.2f"),
            },
            key="clients_past_orders",
        )


def _debts(debts: Debts) -> None:
    """Open documents, oldest due first, overdue ones marked."""
    st.markdown("##### Debts")
    if not debts.documents:
        st.caption("Nothing open: every document is paid.")
        return
    if debts.overdue_count:
        st.error(
            f"**Overdue {debts.overdue_total:,.2f}** in {debts.overdue_count} "
            f"document{'s' if debts.overdue_count > 1 else ''}; "
            f"open in all {debts.open_total:,.2f}."
        )
    else:
        st.caption(f"Nothing overdue; open in all {debts.open_total:,.2f}.")
    table = pd.DataFrame(
        [
            {
                "document": d.document,
                "due": d.due_date.isoformat(),
                "amount": d.amount,
                "paid": d.paid,
                "open": d.open_amount,
                "state": f"overdue {d.days_overdue} d" if d.overdue else "not due",
            }
            for d in debts.documents
        ]
    )
    styled = table.style.format({"amount": "{:,.2f}", "paid": "{:,.2f}", "open": "{:,.2f}"}).apply(
        lambda row: [OVERDUE_STYLE if row["state"] != "not due" else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, column_config=LABELS, key="clients_debts")


def _page(desk: Services) -> None:
    """Search, pick, then the card, debts, history and offers."""
    account = desk.account
    query = st.text_input(
        "Find a client", placeholder="Phone, client code or part of the name", key="clients_query"
    )
    if not query.strip():
        st.caption("Type a phone, client code or name.")
        return
    matches = desk.directory.find(query)
    if not matches:
        st.info("No client has this phone, code or name.")
        return
    chosen = matches[0].client_id
    if len(matches) > 1:
        labels = {m.client_id: f"{m.name} [{m.code}] {m.city or ''}".strip() for m in matches}
        # Keyed by the query: a new search starts from its best match, not from an old pick.
        chosen = st.radio(
            "Matches",
            list(labels),
            format_func=labels.__getitem__,
            horizontal=True,
            key=f"clients_pick_{zlib.crc32(query.strip().encode())}",
        )
    card = desk.cards.card_of(client_id=chosen, query=query)
    client = card.client
    if client is None:
        st.error("This client was removed meanwhile; search again.")
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        _card(card)
        _debts(account.debts(client_id=client.id, as_of=today()))
        _history(account.history(client_id=client.id, limit=HISTORY_ORDERS))
    with right:
        st.markdown("##### Offer on the next call")
        # Its own scroll box: a long offer list must not push the account out of sight.
        with st.container(height=720, border=False):
            offers_panel(card.offers)


st.markdown("### Clients")
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Clients page failed")
    st.error("The client could not be loaded: see the server log.")
