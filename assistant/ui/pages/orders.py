"""Orders for department heads (R18): filter, open one, move it along, export CSV."""

from __future__ import annotations

import logging
import zlib
from datetime import date
from typing import Any

import streamlit as st

from assistant.errors import DeskError
from assistant.orders.models import ORDER_STATUSES
from assistant.orders.queries import OrderFilter, orders_csv
from assistant.services import Services
from assistant.ui.deps import services

log = logging.getLogger(__name__)
ALL = "all"
SHOWN = 500
TABLE_COLUMNS = {
    "order_no": st.column_config.TextColumn("Order"),
    "status": st.column_config.TextColumn("Status"),
    "client": st.column_config.TextColumn("Client"),
    "client_name": st.column_config.TextColumn("Name", width="medium"),
    "delivery_date": st.column_config.TextColumn("Delivery"),
    "delivery_window": st.column_config.TextColumn("Window"),
    "lines_count": st.column_config.NumberColumn("Lines", format="%d"),
    "total": st.column_config.NumberColumn("Total", format="%.2f"),
    "operator": st.column_config.TextColumn("Operator"),
    "created_at": st.column_config.TextColumn("Placed (UTC)"),
}


def _filters(operators: tuple[str, ...], row: list[Any]) -> OrderFilter:
    """The filter row: status, delivery dates, client code, operator."""
    c1, c2, c3, c4 = row
    status = c1.selectbox("Status", [ALL, *ORDER_STATUSES], key="orders_status")
    dates = c2.date_input("Delivery between", value=[], format="YYYY-MM-DD", key="orders_dates")
    client = c3.text_input("Client code", placeholder="e.g. M1042", key="orders_client")
    operator = c4.selectbox("Operator", [ALL, *operators], key="orders_operator")
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
        st.session_state["orders_flash"] = ("success", f"{order_no} is now {to_status}.")
    except DeskError as err:
        st.session_state["orders_flash"] = ("error", err.message)
    except Exception:
        log.exception("moving %s to %s failed", order_no, to_status)
        st.session_state["orders_flash"] = (
            "error",
            f"{order_no} could not be moved: the database refused. Try again; "
            "if it persists, see the server log.",
        )


def _when(stamp: str) -> str:
    """An ISO timestamp as people read it: date and minutes."""
    return stamp[:16].replace("T", " ")


def _flash() -> None:
    kind, message = st.session_state.pop("orders_flash", (None, None))
    if kind == "success":
        st.success(message)
    elif kind == "error":
        st.error(message)


def _detail(order: dict[str, Any], by: str) -> None:
    """One order in full, with the button that moves it to its next status."""
    st.markdown(f"#### {order['order_no']} · {order['client_name']} `{order['client']}`")
    st.caption(
        f"Status **{order['status']}** · placed {_when(order['created_at'])} UTC by "
        f"{order['operator']} · price column {order['price_column']}"
    )
    _flash()
    nxt = order["next_status"]
    if nxt:
        st.button(
            f"Move to {nxt}",
            key="orders_advance",
            type="primary",
            on_click=_advance,
            args=(order["order_no"], nxt, by),
        )
    else:
        st.caption("Delivered: nothing left to move.")
    if order["route_override_reason"]:
        st.warning(f"**Route overridden.** {order['route_override_reason']}")
    when, who, regional = st.columns(3)
    window = f", {order['delivery_window']}" if order["delivery_window"] else ""
    when.markdown(f"**Delivery** {order['delivery_date']}{window}")
    when.markdown(f"**Receiver** {order['receiver'] or '—'}")
    who.markdown(f"**Payment** {order['payment'] or '—'}")
    who.markdown(f"**Documents** {', '.join(order['documents']) or '—'}")
    regional.markdown(f"**Pickup** {(order['pickup_at'] or '—').replace('T', ' ')}")
    regional.markdown(f"**Ship to** {order['ship_to'] or '—'}")
    if order["notes"]:
        st.caption(f"Notes: {order['notes']}")
    st.dataframe(
        order["lines"],
        hide_index=True,
        column_config={
            "sku": "SKU",
            "name": st.column_config.TextColumn("Product", width="large"),
            "qty": st.column_config.NumberColumn("Qty", format="%g"),
            "unit_price": st.column_config.NumberColumn("Price", format="%.2f"),
            "line_total": st.column_config.NumberColumn("Line total", format="%.2f"),
        },
        key="orders_lines",
    )
    st.markdown(f"**Total {order['total']:,.2f}** · {order['lines_count']} lines")
    moves = [f"{_when(h['at'])} {h['from']} → {h['to']} by {h['by']}" for h in order["history"]]
    st.caption("Status history: " + (" · ".join(moves) if moves else "placed, not moved yet."))


def _page(desk: Services) -> None:
    """Filters, totals and export, the table, and the opened order."""
    # Until the desk has logins, moves are signed "head", as `desk orders advance` does.
    by = str(st.session_state.get("user") or "head")
    # The export sits at the end of the filter row, clear of the table's own toolbar.
    *row, export = st.columns([1, 1.6, 1, 1, 0.8], vertical_alignment="bottom")
    where = _filters(desk.orders.operators(), row)
    rows = desk.orders.list(where=where)

    total = sum(r["total"] for r in rows)
    more = f" (the newest {SHOWN}: narrow the filters to see others)" if len(rows) >= SHOWN else ""
    st.caption(f"{len(rows)} orders · total {total:,.2f}{more}")
    export.download_button(
        "Export CSV",
        # With a BOM, Excel reads the file as UTF-8 and keeps names like "Kovačević" intact.
        data=orders_csv(rows).encode("utf-8-sig"),
        file_name=f"orders-{date.today().isoformat()}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        disabled=not rows,
        width="stretch",
        key="orders_export",
    )
    if not rows:
        st.info("No orders match these filters.")
        return

    # The table's key changes with the filter and after a move, so a kept row index
    # can never open a different order than the one the head clicked.
    digest = zlib.crc32(repr(where).encode())
    if st.session_state.get("orders_filter") != digest:
        st.session_state["orders_filter"] = digest
        st.session_state.pop("orders_open", None)  # a new filter closes the order kept open
    table = st.dataframe(
        [{**{k: r[k] for k in TABLE_COLUMNS}, "created_at": _when(r["created_at"])} for r in rows],
        hide_index=True,
        column_config=TABLE_COLUMNS,
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
        st.caption("Select a row to open the order.")
        return
    _detail(desk.orders.get(open_no), by)


st.markdown("### Orders")
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Orders page failed")
    st.error("The orders could not be loaded: see the server log.")
