"""Clients: find one, see the same card as on a call, its order history and its debts."""

from __future__ import annotations

import logging
import zlib
from typing import Any

import pandas as pd
import streamlit as st

from assistant.calls.card import ClientCard
from assistant.errors import DeskError
from assistant.formats import day, money, number
from assistant.i18n import N_, _, ngettext
from assistant.orders.account import Debts, OrderHistory
from assistant.orders.models import status_label
from assistant.services import Services
from assistant.timeutil import today
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from assistant.ui.widgets import credit_box, manager_label, offers_panel, route_box

log = logging.getLogger(__name__)

HISTORY_ORDERS = 20
OVERDUE_STYLE = "color: #b42318; font-weight: 600"
# Column headings of the three tables (the data keeps short lower-case names).
LABELS = {
    "order": N_("Order"),
    "placed": N_("Placed"),
    "delivery": N_("Delivery"),
    "status": N_("Status"),
    "lines": N_("Lines"),
    "total": N_("Total"),
    "date": N_("Date"),
    "document": N_("Document"),
    "due": N_("Due"),
    "amount": N_("Amount"),
    "paid": N_("Paid"),
    "open": N_("Open"),
    "state": N_("State"),
}
# Amounts are shown as text in the language's format: kept to the right like numbers.
AMOUNTS = ("total", "amount", "paid", "open")


def _columns() -> dict[str, Any]:
    """The headings of the three tables in the language now."""
    return {
        key: st.column_config.TextColumn(_(label), alignment="right")
        if key in AMOUNTS
        else _(label)
        for key, label in LABELS.items()
    }


def _card(card: ClientCard) -> None:
    """Who the client is, the route, credit and price column, as on a call."""
    client = card.client
    assert client is not None
    st.subheader(f"{client.name}  ·  {client.code}")
    manager = manager_label(client.manager)
    where = client.city or _("no city")
    if client.regional:
        where = _("{city} · regional").format(city=where)
    st.caption(
        _("{type} · {where} · manager: {manager}").format(
            type=card.type_label, where=where, manager=manager
        )
    )
    phones = ", ".join(client.phones_as_typed) or "—"
    receivers = ", ".join(client.receivers) or "—"
    st.caption(
        _("Phones: {phones} · Receivers: {receivers}").format(phones=phones, receivers=receivers)
    )
    route_box(card.route)
    credit_box(card.credit, known=True)
    if card.column:
        st.markdown(
            _("**Price column {column}** — {why}").format(
                column=card.column.column, why=card.column.why
            )
        )


def _history(history: OrderHistory) -> None:
    """Desk orders first (they are the newest), then the ERP history grouped by order."""
    st.markdown("##### " + _("Orders"))
    if history.empty:
        st.caption(_("No orders yet."))
        return
    if history.desk:
        st.caption(_("Placed at the desk"))
        st.dataframe(
            [
                {
                    "order": o.order_no,
                    "placed": day(o.placed_on),
                    "delivery": day(o.delivery_date),
                    "status": status_label(o.status),
                    "lines": o.lines_count,
                    "total": money(o.total),
                }
                for o in history.desk
            ],
            hide_index=True,
            column_config=_columns(),
            key="clients_desk_orders",
        )
    if history.past:
        st.caption(_("Order history (the last {count})").format(count=number(len(history.past))))
        st.dataframe(
            [
                {
                    "order": o.order_no,
                    "date": day(o.order_date),
                    "lines": o.lines_count,
                    "total": money(o.total),
                }
                for o in history.past
            ],
            hide_index=True,
            column_config=_columns(),
            key="clients_past_orders",
        )


def _debts(debts: Debts) -> None:
    """Open documents, oldest due first, overdue ones marked."""
    st.markdown("##### " + _("Debts"))
    if not debts.documents:
        st.caption(_("Nothing open: every document is paid."))
        return
    if debts.overdue_count:
        st.error(
            ngettext(
                "**Overdue {overdue}** in {count} document; open in all {open}.",
                "**Overdue {overdue}** in {count} documents; open in all {open}.",
                debts.overdue_count,
            ).format(
                overdue=money(debts.overdue_total),
                count=number(debts.overdue_count),
                open=money(debts.open_total),
            )
        )
    else:
        st.caption(_("Nothing overdue; open in all {open}.").format(open=money(debts.open_total)))
    table = pd.DataFrame(
        [
            {
                "document": d.document,
                "due": day(d.due_date),
                "amount": money(d.amount),
                "paid": money(d.paid),
                "open": money(d.open_amount),
                "state": _("overdue {days} d").format(days=number(d.days_overdue))
                if d.overdue
                else _("not due"),
            }
            for d in debts.documents
        ]
    )
    overdue = [d.overdue for d in debts.documents]
    styled = table.style.apply(
        lambda row: [OVERDUE_STYLE if overdue[row.name] else ""] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, column_config=_columns(), key="clients_debts")


def _page(desk: Services) -> None:
    """Search, pick, then the card, debts, history and offers."""
    account = desk.account
    query = st.text_input(
        _("Find a client"),
        placeholder=_("Phone, client code or part of the name"),
        key="clients_query",
    )
    if not query.strip():
        st.caption(_("Type a phone, client code or name."))
        return
    matches = desk.cards.matches(query, actor=acting())
    if not matches:
        st.info(_("No client has this phone, code or name."))
        return
    chosen = matches[0].client_id
    if len(matches) > 1:
        labels = {m.client_id: f"{m.name} [{m.code}] {m.city or ''}".strip() for m in matches}
        # Keyed by the query: a new search starts from its best match, not from an old pick.
        chosen = st.radio(
            _("Matches"),
            list(labels),
            format_func=labels.__getitem__,
            horizontal=True,
            key=f"clients_pick_{zlib.crc32(query.strip().encode())}",
        )
    card = desk.cards.card_of(client_id=chosen, query=query, actor=acting())
    client = card.client
    if client is None:
        st.error(_("This client was removed meanwhile; search again."))
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        _card(card)
        _debts(account.debts(client_id=client.id, as_of=today()))
        _history(account.history(client_id=client.id, limit=HISTORY_ORDERS))
    with right:
        st.markdown("##### " + _("Offer on the next call"))
        # Its own scroll box: a long offer list must not push the account out of sight.
        with st.container(height=720, border=False):
            offers_panel(card.offers)


st.markdown("### " + _("Clients"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Clients page failed")
    st.error(_("The client could not be loaded: see the server log."))
