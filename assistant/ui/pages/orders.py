"""Orders for department heads (R18): filter, open one, move it along, export CSV."""

from __future__ import annotations

import logging
import zlib
from datetime import date
from typing import Any

import streamlit as st

from assistant.errors import DeskError
from assistant.formats import money, number
from assistant.i18n import N_, _, ngettext
from assistant.orders.models import ORDER_STATUSES, status_label
from assistant.orders.queries import OrderFilter, orders_csv
from assistant.services import Services
from assistant.ui.deps import services
from assistant.ui.order_view import detail, shown_day, shown_when
from assistant.ui.session_user import acting

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


def _exported(desk: Services, rows: int) -> None:
    # Exports are audited: prices and client data leaving the desk (R21).
    desk.audit.exported(actor=acting(), what="orders.csv", rows=rows)


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


def _page(desk: Services) -> None:
    """Filters, totals and export, the table, and the opened order."""
    # The export sits at the end of the filter row, clear of the table's own toolbar.
    *row, export = st.columns([1, 1.6, 1, 1, 0.8], vertical_alignment="bottom")
    where = _filters(desk.orders.operators(), row)
    rows = desk.orders.list(where=where, actor=acting())

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
        on_click=_exported,
        args=(desk, len(rows)),
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
                "delivery_date": shown_day(r["delivery_date"]),
                "total": money(r["total"]),
                "created_at": shown_when(r["created_at"]),
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
    detail(desk.orders.get(open_no, actor=acting()), acting())


st.markdown("### " + _("Orders"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Orders page failed")
    st.error(_("The orders could not be loaded: see the server log."))
