"""Orders for department heads (R18): filter, open one, move it along, export CSV."""

from __future__ import annotations

import logging
import zlib
from datetime import date
from typing import Any

import streamlit as st

from assistant.errors import DeskError
from assistant.formats import day, money, number
from assistant.i18n import N_, _, ngettext
from assistant.orders.models import ORDER_STATUSES
from assistant.orders.queries import OrderFilter, orders_csv
from assistant.services import Services
from assistant.ui.deps import services

log = logging.getLogger(__name__)
ALL = "all"
SHOWN = 500
# The table's column keys (stable) and their headings (translated where shown).
TABLE_COLUMNS = {
    "order_no": N_("Order"),
    "status": N_("Status"),
    "client": N_("Client"),
    "client_name": N_("Name"),
    "delivery_date": N_("Delivery"),
    "delivery_window": N_("Window"),
    "lines_count": N_("Lines"),
    "total": N_("Total"),
    "operator": N_("Operator"),
    "created_at": N_("Placed (UTC)"),
}
# An order's statuses as people read them (the database keeps the codes).
STATUS_LABELS = {
    "placed": N_("placed"),
    "accepted": N_("accepted"),
    "picking": N_("picking"),
    "shipped": N_("shipped"),
    "delivered": N_("delivered"),
}


def status_label(status: str) -> str:
    """An order status in the language now."""
    return _(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def _table_columns() -> dict[str, Any]:
    """The column config of the order list, headed in the language now."""
    config: dict[str, Any] = {
        key: st.column_config.TextColumn(
            _(label),
            width="medium" if key == "client_name" else None,
            # The total is text in the language's format: kept to the right like a number.
            alignment="right" if key == "total" else None,
        )
        for key, label in TABLE_COLUMNS.items()
    }
    config["lines_count"] = st.column_config.NumberColumn(_(TABLE_COLUMNS["lines_count"]))
    return config


def _day(iso: str | None) -> str:
    """An ISO date as people read it in the language now."""
    return day(date.fromisoformat(iso[:10])) if iso else ""


def _when(stamp: str) -> str:
    """An ISO timestamp as people read it: the day and the minutes."""
    return f"{_day(stamp)} {stamp[11:16]}".strip()


def _filters(operators: tuple[str, ...], row: list[Any]) -> OrderFilter:
    """The filter row: status, delivery dates, client code, operator."""
    c1, c2, c3, c4 = row
    status = c1.selectbox(
        _("Status"),
        [ALL, *ORDER_STATUSES],
        format_func=lambda s: _("all") if s == ALL else status_label(s),
        key="orders_status",
    )
    dates = c2.date_input(
        _("Delivery between"),
        value=[],
        # One format in both languages: the format is part of the widget's identity, so a
        # language switch would otherwise drop the dates picked.
        format="YYYY-MM-DD",
        key="orders_dates",
    )
    client = c3.text_input(_("Client code"), placeholder=_("e.g. M1042"), key="orders_client")
    operator = c4.selectbox(
        _("Operator"),
        [ALL, *operators],
        format_func=lambda o: _("all") if o == ALL else o,
        key="orders_operator",
    )
    # A range being picked has one end only; a lone day means "that day on".
    picked = [d for d in (dates if isinstance(dates, tuple) else (dates,)) if d is not None]
    return OrderFilter(
        status=None if status == ALL else status,
        date_from=picked[0] if picked else None,
        date_to=picked[1] if len(picked) > 1 else None,
        client_code=client.strip().upper() or None,
        operator=None if operator == ALL else operator,
        limit=SHOWN,
    )


def _advance(order_no: str, to_status: str, by: str) -> None:
    """Button callback: move the order, remember it stays open, report the result."""
    desk = services()
    st.session_state["orders_nonce"] = st.session_state.get("orders_nonce", 0) + 1
    st.session_state["orders_open"] = order_no
    try:
        # The target is explicit, so a second head's stale click is refused, not applied twice.
        desk.orders.advance(order_no=order_no, to_status=to_status, by=by)
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


def _detail(order: dict[str, Any], by: str) -> None:
    """One order in full, with the button that moves it to its next status."""
    st.markdown(f"#### {order['order_no']} · {order['client_name']} `{order['client']}`")
    st.caption(
        _("Status **{status}** · placed {placed} UTC by {operator} · price column {column}").format(
            status=status_label(order["status"]),
            placed=_when(order["created_at"]),
            operator=order["operator"],
            column=order["price_column"],
        )
    )
    _flash()
    nxt = order["next_status"]
    if nxt:
        st.button(
            _("Move to {status}").format(status=status_label(nxt)),
            key="orders_advance",
            type="primary",
            on_click=_advance,
            args=(order["order_no"], nxt, by),
        )
    else:
        st.caption(_("Delivered: nothing left to move."))
    if order["route_override_reason"]:
        st.warning(
            _("**Route overridden.** {reason}").format(reason=order["route_override_reason"])
        )
    when, who, regional = st.columns(3)
    delivery = _day(order["delivery_date"])
    if order["delivery_window"]:
        delivery = f"{delivery}, {order['delivery_window']}"
    pickup = order["pickup_at"]
    when.markdown(_("**Delivery** {delivery}").format(delivery=delivery))
    when.markdown(_("**Receiver** {receiver}").format(receiver=order["receiver"] or "—"))
    who.markdown(_("**Payment** {payment}").format(payment=order["payment"] or "—"))
    who.markdown(
        _("**Documents** {documents}").format(documents=", ".join(order["documents"]) or "—")
    )
    regional.markdown(_("**Pickup** {pickup}").format(pickup=_when(pickup) if pickup else "—"))
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
            when=_when(h["at"]),
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


def _page(desk: Services) -> None:
    """Filters, totals and export, the table, and the opened order."""
    # Until the desk has logins, moves are signed "head", as `desk orders advance` does.
    by = str(st.session_state.get("user") or "head")
    # The export sits at the end of the filter row, clear of the table's own toolbar.
    *row, export = st.columns([1, 1.6, 1, 1, 0.8], vertical_alignment="bottom")
    where = _filters(desk.orders.operators(), row)
    rows = desk.orders.list(where=where)

    total = sum(r["total"] for r in rows)
    count = ngettext("{count} order", "{count} orders", len(rows)).format(count=number(len(rows)))
    summary = _("{orders} · total {total}").format(orders=count, total=money(total))
    if len(rows) >= SHOWN:
        summary += " " + _("(the newest {shown}: narrow the filters to see others)").format(
            shown=number(SHOWN)
        )
    st.caption(summary)
    export.download_button(
        _("Export CSV"),
        # With a BOM, Excel reads the file as UTF-8 and keeps names like "Kovačević" intact.
        data=orders_csv(rows).encode("utf-8-sig"),
        file_name=_("orders-{day}.csv").format(day=date.today().isoformat()),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        disabled=not rows,
        width="stretch",
        key="orders_export",
    )
    if not rows:
        st.info(_("No orders match these filters."))
        return

    # The table's key changes with the filter and after a move, so a kept row index
    # can never open a different order than the one the head clicked.
    digest = zlib.crc32(repr(where).encode())
    if st.session_state.get("orders_filter") != digest:
        st.session_state["orders_filter"] = digest
        st.session_state.pop("orders_open", None)  # a new filter closes the order kept open
    table = st.dataframe(
        [
            {
                **{k: r[k] for k in TABLE_COLUMNS},
                "status": status_label(r["status"]),
                "delivery_date": _day(r["delivery_date"]),
                "total": money(r["total"]),
                "created_at": _when(r["created_at"]),
            }
            for r in rows
        ],
        hide_index=True,
        column_config=_table_columns(),
        on_select="rerun",
        selection_mode="single-row",
        height=min(36 * len(rows) + 40, 330),  # about eight rows: the opened order stays in view
        key=f"orders_table_{st.session_state.get('orders_nonce', 0)}_{digest}",
    )
    picked = table.selection.rows
    if picked and picked[0] < len(rows):
        st.session_state.pop("orders_open", None)
        open_no: str | None = rows[picked[0]]["order_no"]
    else:
        open_no = st.session_state.get("orders_open")
    if open_no is None:
        st.caption(_("Select a row to open the order."))
        return
    _detail(desk.orders.get(open_no), by)


st.markdown("### " + _("Orders"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Orders page failed")
    st.error(_("The orders could not be loaded: see the server log."))
