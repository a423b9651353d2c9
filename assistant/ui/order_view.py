"""One order opened on the Orders page: its details, lines, history and the next move."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import streamlit as st

from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.formats import day, money, number
from assistant.i18n import N_, _, ngettext
from assistant.orders.models import status_label
from assistant.ui.deps import services

log = logging.getLogger(__name__)


def shown_day(iso: str | None) -> str:
    """An ISO date as people read it in the language now."""
    return day(date.fromisoformat(iso[:10])) if iso else ""


def shown_when(stamp: str) -> str:
    """An ISO timestamp as people read it: the day and the minutes."""
    return f"{shown_day(stamp)} {stamp[11:16]}".strip()


def _advance(order_no: str, to_status: str, actor: Actor) -> None:
    """Button callback: move the order, remember it stays open, report the result."""
    desk = services()
    st.session_state["orders_nonce"] = st.session_state.get("orders_nonce", 0) + 1
    st.session_state["orders_open"] = order_no
    try:
        # The target is explicit, so a second head's stale click is refused, not applied twice.
        desk.orders.advance(order_no=order_no, to_status=to_status, actor=actor)
        st.session_state["orders_flash"] = (
            "success",
            _("{order_no} is now {status}.").format(
                order_no=order_no, status=status_label(to_status)
            ),
        )
    except DeskError as err:
        st.session_state["orders_flash"] = ("error", err.message)
    except Exception:
        log.exception("moving %s to %s failed", order_no, to_status)
        st.session_state["orders_flash"] = (
            "error",
            _(
                "{order_no} could not be moved: the database refused. Try again; "
                "if it persists, see the server log."
            ).format(order_no=order_no),
        )


def _flash() -> None:
    kind, message = st.session_state.pop("orders_flash", (None, None))
    if kind == "success":
        st.success(message)
    elif kind == "error":
        st.error(message)


LINE_COLUMNS = {
    "sku": N_("SKU"),
    "name": N_("Product"),
    "qty": N_("Qty"),
    "unit_price": N_("Price"),
    "line_total": N_("Line total"),
}


def _line(line: dict[str, Any]) -> dict[str, Any]:
    """An order line as the table shows it: quantities and amounts in the language's format."""
    return {
        **line,
        "qty": number(line["qty"]),
        "unit_price": money(line["unit_price"]),
        "line_total": money(line["line_total"]),
    }


def detail(order: dict[str, Any], actor: Actor) -> None:
    """One order in full, with the button that moves it on for those who may (heads)."""
    st.markdown(f"#### {order['order_no']} · {order['client_name']} `{order['client']}`")
    st.caption(
        _("Status **{status}** · placed {placed} UTC by {operator} · price column {column}").format(
            status=status_label(order["status"]),
            placed=shown_when(order["created_at"]),
            operator=order["operator"],
            column=order["price_column"],
        )
    )
    _flash()
    nxt = order["next_status"]
    if nxt and actor.may("order.advance"):
        st.button(
            _("Move to {status}").format(status=status_label(nxt)),
            key="orders_advance",
            type="primary",
            on_click=_advance,
            args=(order["order_no"], nxt, actor),
        )
    else:
        st.caption(_("Delivered: nothing left to move."))
    if order["route_override_reason"]:
        st.warning(
            _("**Route overridden.** {reason}").format(reason=order["route_override_reason"])
        )
    when, who, regional = st.columns(3)
    delivery = shown_day(order["delivery_date"])
    if order["delivery_window"]:
        delivery = f"{delivery}, {order['delivery_window']}"
    pickup = order["pickup_at"]
    when.markdown(_("**Delivery** {delivery}").format(delivery=delivery))
    when.markdown(_("**Receiver** {receiver}").format(receiver=order["receiver"] or "—"))
    who.markdown(_("**Payment** {payment}").format(payment=order["payment"] or "—"))
    who.markdown(
        _("**Documents** {documents}").format(documents=", ".join(order["documents"]) or "—")
    )
    regional.markdown(_("**Pickup** {pickup}").format(pickup=shown_when(pickup) if pickup else "—"))
    regional.markdown(_("**Ship to** {ship_to}").format(ship_to=order["ship_to"] or "—"))
    if order["notes"]:
        st.caption(_("Notes: {notes}").format(notes=order["notes"]))
    st.dataframe(
        [_line(line) for line in order["lines"]],
        hide_index=True,
        column_config={
            key: st.column_config.TextColumn(
                _(label),
                width="large" if key == "name" else None,
                # Amounts are text in the language's format: keep them to the right.
                alignment="right" if key in ("qty", "unit_price", "line_total") else None,
            )
            for key, label in LINE_COLUMNS.items()
        },
        key="orders_lines",
    )
    lines = ngettext("{count} line", "{count} lines", order["lines_count"]).format(
        count=number(order["lines_count"])
    )
    st.markdown(_("**Total {total}** · {lines}").format(total=money(order["total"]), lines=lines))
    moves = [
        _("{when} {from_status} → {to_status} by {by}").format(
            when=shown_when(h["at"]),
            from_status=status_label(h["from"]),
            to_status=status_label(h["to"]),
            by=h["by"],
        )
        for h in order["history"]
    ]
    st.caption(
        _("Status history: {moves}").format(moves=" · ".join(moves))
        if moves
        else _("Status history: placed, not moved yet.")
    )
