"""The order list as CSV for heads (R18), and the next status an order moves to."""

from __future__ import annotations

import csv
import io

from assistant.i18n import use_language
from assistant.orders.queries import next_status, orders_csv

HEADER = (
    "Order,Status,Client code,Client name,Delivery date,Delivery window,Lines,Total,"
    "Price column,Operator,Placed (UTC)"
)

ROW = {
    "order_no": "OD-000007",
    "client": "M1",
    "client_name": "Obrt Kovačević, d.o.o.",
    "status": "placed",
    "total": 1234.5,
    "price_column": "C",
    "lines_count": 3,
    "delivery_date": "2026-11-27",
    "delivery_window": None,
    "operator": "ana",
    "created_at": "2026-11-26T09:15:00",
}


def test_the_csv_has_a_header_and_one_row_per_order() -> None:
    text = orders_csv([ROW, {**ROW, "order_no": "OD-000008"}])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == HEADER
    assert [r["Order"] for r in rows] == ["OD-000007", "OD-000008"]
    assert rows[0]["Client name"] == "Obrt Kovačević, d.o.o."  # quoted comma, diacritics kept
    # The cells keep machine values in every language: a spreadsheet sorts and sums them.
    assert rows[0]["Total"] == "1234.5" and rows[0]["Delivery window"] == ""
    assert rows[0]["Status"] == "placed" and rows[0]["Delivery date"] == "2026-11-27"


def test_an_empty_list_is_just_the_header() -> None:
    assert orders_csv([]) == HEADER + "\n"


def test_the_header_row_follows_the_language_and_the_cells_do_not() -> None:
    with use_language("en"):
        english = orders_csv([ROW]).splitlines()
    with use_language("hr"):
        croatian = orders_csv([ROW]).splitlines()
    assert english[0] == HEADER
    assert croatian[1] == english[1]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised() -> None:
    rows = list(csv.DictReader(io.StringIO(orders_csv([{**ROW, "client_name": "=1+2"}]))))
    assert rows[0]["Client name"] == "'=1+2"


def test_an_order_moves_one_step_along_and_stops_when_delivered() -> None:
    assert next_status("placed") == "accepted"
    assert next_status("shipped") == "delivered"
    assert next_status("delivered") is None
