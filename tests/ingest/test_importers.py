"""ERP importers: every kind imports, re-import updates, broken files and rows are explained."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.models import Price, PriceColumn, Product, SpecialPosition
from assistant.clients.models import Client, ClientPhone, Department, Manager
from assistant.credit.models import Receivable
from assistant.errors import ImportRefused
from assistant.orders.models import HistoryLine
from ingest.erp.importers import IMPORT_KINDS, ImportReport, RejectedRow

WriteCsv = Callable[..., Path]
Import = Callable[[str, Path], ImportReport]
TableRows = Callable[..., list[tuple[Any, ...]]]

MANAGERS = [
    ["code", "name", "role", "department", "available"],
    ["H1", "Ivana Horvat", "head", "wholesale", "true"],
    ["K1", "Marko Kovač", "kam", "wholesale", "no"],
    ["M1", "Ana Babić", "manager", "retail", "da"],
    ["F1", "Petra Novak", "finance", "finance", "1"],
]
CLIENTS = [
    ["code", "name", "phone", "type", "manager_code", "price_column", "credit_limit", "city",
     "regional"],
    ["C1", "Konzum d.d.", "+385 1 234 5678;01/234-5679", "key", "K1", "D", "50000", "Zagreb",
     "false"],
    ["C2", "Tržnica Dolac, štand 4", "098 123 4567", "marketer", "M1", "", "1.500,00", "Zagreb",
     "no"],
    ["C3", "Pekara Osijek", "", "regional", "", "", "", "Osijek", "yes"],
]  # fmt: skip
PRODUCTS = [
    ["sku", "name", "category", "unit", "pack_size", "new_since", "active"],
    ["P1", "Maslinovo ulje 1 l", "Ulja", "bottle", "6", "", "true"],
    ["P2", "Čokolada Đurđa 100 g", "Slatkiši", "pc", "24", "2026-10-01", "true"],
    ["P3", "Brašno T-550 1 kg", "Brašno", "kg", "10", "", "false"],
]


@pytest.fixture
def company(write_csv: WriteCsv, run_import: Import) -> None:
    """Managers, clients and products imported: what prices, debts and history refer to."""
    for kind, rows in (("managers", MANAGERS), ("clients", CLIENTS), ("products", PRODUCTS)):
        report = run_import(kind, write_csv(f"{kind}.csv", rows))
        assert report.ok, report.rejected


def count(session_factory: sessionmaker[Session], model: Any) -> int:
    with session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# --- every kind imports -------------------------------------------------------------------


def test_managers_are_imported_and_unknown_departments_are_created(
    write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    report = run_import("managers", write_csv("managers.csv", MANAGERS))

    assert (report.rows_read, report.inserted, report.updated, report.ok) == (4, 4, 0, True)
    assert table_rows(Department.code, Department.name) == [
        ("finance", "Finance"), ("retail", "Retail"), ("wholesale", "Wholesale"),
    ]  # fmt: skip
    assert table_rows(Manager.code, Manager.role, Manager.available) == [
        ("F1", "finance", True), ("H1", "head", True),
        ("K1", "kam", False), ("M1", "manager", True),
    ]  # fmt: skip


def test_clients_are_imported_with_e164_phones_manager_column_and_decimal_comma_limit(
    company: None, session_factory: sessionmaker[Session], table_rows: TableRows
) -> None:
    with session_factory() as session:
        konzum = session.scalars(select(Client).where(Client.code == "C1")).one()
        dolac = session.scalars(select(Client).where(Client.code == "C2")).one()
        osijek = session.scalars(select(Client).where(Client.code == "C3")).one()
        assert sorted((p.phone, p.raw) for p in konzum.phones) == [
            ("+38512345678", "+385 1 234 5678"), ("+38512345679", "01/234-5679"),
        ]  # fmt: skip
        assert konzum.manager is not None and konzum.manager.code == "K1"
        assert (konzum.type, konzum.price_column, konzum.credit_limit) == (
            "key",
            "D",
            Decimal(50000),
        )
        assert (dolac.search_name, dolac.credit_limit, dolac.price_column) == (
            "trznica dolac, stand 4", Decimal("1500.00"), None,
        )  # fmt: skip
        assert [p.phone for p in dolac.phones] == ["+385981234567"]
        assert (osijek.manager_id, osijek.phones, osijek.regional) == (None, [], True)
    # A column the clients file names that the price list lacks is added to it.
    assert table_rows(PriceColumn.code, PriceColumn.name) == [("D", "D")]


def test_products_are_imported_with_folded_search_names(
    write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    report = run_import("products", write_csv("products.csv", PRODUCTS))

    assert (report.inserted, report.updated, report.ok) == (3, 0, True)
    assert table_rows(Product.sku, Product.search_name, Product.pack_size, Product.active) == [
        ("P1", "maslinovo ulje 1 l", Decimal(6), True),
        ("P2", "cokolada durda 100 g", Decimal(24), True),
        ("P3", "brasno t-550 1 kg", Decimal(10), False),
    ]
    assert table_rows(Product.sku, Product.new_since)[1][1].isoformat() == "2026-10-01"


def test_products_accept_the_optional_min_qty_and_stock_columns(
    write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [
        PRODUCTS[0] + ["min_qty", "stock"],
        PRODUCTS[1] + ["12", "340,5"],
        PRODUCTS[2] + ["", ""],
    ]
    assert run_import("products", write_csv("products.csv", rows)).ok
    # A later file without those columns leaves the known stock alone.
    assert run_import("products", write_csv("again.csv", PRODUCTS[:2])).ok

    assert table_rows(Product.sku, Product.min_qty, Product.stock) == [
        ("P1", Decimal(12), Decimal("340.5")), ("P2", None, None),
    ]  # fmt: skip


def test_prices_are_imported_and_new_columns_follow_the_order_they_first_appear_in(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [["sku", "column", "price"], ["P1", "A", "10,50"], ["P1", "B", "9.80"], ["P2", "a", "2"]]
    report = run_import("prices", write_csv("prices.csv", rows))

    assert (report.inserted, report.ok) == (3, True)
    # "D" came with the clients; "a" is the column "A", not a new one.
    assert table_rows(PriceColumn.position, PriceColumn.code) == [(1, "D"), (2, "A"), (3, "B")]
    assert table_rows(Price.price) == [(Decimal("2.00"),), (Decimal("9.80"),), (Decimal("10.50"),)]


def test_special_positions_are_imported_for_the_client_types_they_name(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [
        ["sku", "title", "valid_from", "valid_to", "client_types"],
        ["P1", "Akcija ulje -10%", "2026-11-01", "30.11.2026", "marketer; retail"],
        ["P2", "Nova čokolada", "2026-11-01", "2026-12-31", ""],
    ]
    report = run_import("specials", write_csv("specials.csv", rows))

    assert (report.inserted, report.ok) == (2, True)
    assert [
        (t, c)
        for t, _, c in table_rows(
            SpecialPosition.title, SpecialPosition.valid_to, SpecialPosition.client_types
        )
    ] == [("Akcija ulje -10%", "marketer;retail"), ("Nova čokolada", "")]


def test_receivables_are_imported_with_an_empty_paid_meaning_nothing_paid(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [
        ["client_code", "document", "amount", "due_date", "paid"],
        ["C1", "R-2026-001", "1.234,50", "2026-10-15", ""],
        ["C2", "R-2026-002", "800", "2026-12-01", "200"],
    ]
    assert run_import("receivables", write_csv("receivables.csv", rows)).ok

    assert table_rows(Receivable.document, Receivable.amount, Receivable.paid) == [
        ("R-2026-001", Decimal("1234.50"), Decimal(0)), ("R-2026-002", Decimal(800), Decimal(200)),
    ]  # fmt: skip


ORDERS = [
    ["order_no", "client_code", "date", "sku", "qty", "price"],
    ["O-1", "C1", "2026-09-01", "P1", "6", "10.5"],
    ["O-1", "C1", "2026-09-01", "P2", "24", "2.1"],
    ["O-1", "C1", "2026-09-01", "P1", "12", "10.0"],
    ["O-2", "C2", "15.09.2026", "P1", "2,5", "11"],
]


def test_order_history_sums_repeated_lines_of_an_order_and_keeps_the_last_price(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    report = run_import("orders", write_csv("orders.csv", ORDERS))

    assert (report.rows_read, report.inserted, report.updated, report.ok) == (4, 3, 0, True)
    assert table_rows(HistoryLine.order_no, HistoryLine.qty, HistoryLine.price) == [
        ("O-1", 18.0, 10.0), ("O-1", 24.0, 2.1), ("O-2", 2.5, 11.0),
    ]  # fmt: skip


def test_every_kind_the_cli_offers_has_an_importer(write_csv: WriteCsv, run_import: Import) -> None:
    for kind in IMPORT_KINDS:
        with pytest.raises(ImportRefused, match="missing columns"):
            run_import(kind, write_csv(f"{kind}.csv", [["nothing_known"], ["x"]]))


# --- re-importing -------------------------------------------------------------------------


def test_reimporting_every_kind_updates_rows_and_never_duplicates_them(
    company: None, write_csv: WriteCsv, run_import: Import,
    session_factory: sessionmaker[Session], table_rows: TableRows,
) -> None:  # fmt: skip
    files = {
        "prices": [["sku", "column", "price"], ["P1", "A", "10"]],
        "specials": [["sku", "title", "valid_from", "valid_to", "client_types"],
                     ["P1", "Akcija", "2026-11-01", "2026-11-30", ""]],
        "receivables": [["client_code", "document", "amount", "due_date", "paid"],
                        ["C1", "R-1", "100", "2026-10-15", "0"]],
        "orders": ORDERS,
    }  # fmt: skip
    for kind, rows in files.items():
        assert run_import(kind, write_csv(f"{kind}.csv", rows)).ok
    models = [Manager, Department, Client, ClientPhone, Product, PriceColumn, Price,
              SpecialPosition, Receivable, HistoryLine]  # fmt: skip
    before = {model: count(session_factory, model) for model in models}

    for kind, rows in [("managers", MANAGERS), ("clients", CLIENTS), ("products", PRODUCTS),
                       *files.items()]:  # fmt: skip
        report = run_import(kind, write_csv(f"{kind}.csv", rows))
        assert (report.inserted, report.ok) == (0, True), kind
        assert report.updated > 0, kind

    assert {model: count(session_factory, model) for model in models} == before


def test_reimport_with_changed_values_updates_them(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    changed = [CLIENTS[0], ["C1", "Konzum plus d.d.", "01 999 8888", "retail", "M1", "B", "",
                            "Split", "true"]]  # fmt: skip
    report = run_import("clients", write_csv("clients2.csv", changed))

    assert (report.inserted, report.updated) == (0, 1)
    columns = (Client.code, Client.name, Client.type, Client.price_column, Client.city)
    assert table_rows(*columns)[0] == ("C1", "Konzum plus d.d.", "retail", "B", "Split")
    # The file is the truth about a client's phones: the old ones are gone.
    assert [p for p, c in table_rows(ClientPhone.phone, ClientPhone.client_id)].count(
        "+38512345678"
    ) == 0
    assert ("+38519998888",) in table_rows(ClientPhone.phone)


def test_reimporting_order_history_replaces_quantities_instead_of_adding_to_them(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    path = write_csv("orders.csv", ORDERS)
    run_import("orders", path)
    report = run_import("orders", path)
    fix = [ORDERS[0], ["O-2", "C2", "2026-09-15", "P1", "3", "12"]]
    corrected = run_import("orders", write_csv("fix.csv", fix))

    assert (report.inserted, report.updated) == (0, 3)
    assert (corrected.inserted, corrected.updated) == (0, 1)
    assert table_rows(HistoryLine.order_no, HistoryLine.qty, HistoryLine.price) == [
        ("O-1", 18.0, 10.0), ("O-1", 24.0, 2.1), ("O-2", 3.0, 12.0),
    ]  # fmt: skip


def test_an_order_whose_lines_span_batches_is_summed_once_and_stays_so_on_reimport(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from ingest.erp.importers_history import OrdersImporter

    monkeypatch.setattr(OrdersImporter, "batch_size", 1)
    path = write_csv("orders.csv", ORDERS + [["O-1", "C1", "2026-09-01", "P1", "1", "9"]])
    for _ in range(2):
        report = run_import("orders", path)
        assert report.ok
        assert table_rows(HistoryLine.order_no, HistoryLine.qty, HistoryLine.price) == [
            ("O-1", 19.0, 9.0), ("O-1", 24.0, 2.1), ("O-2", 2.5, 11.0),
        ]  # fmt: skip


# --- files refused whole ------------------------------------------------------------------


def test_a_file_with_wrong_columns_is_refused_naming_missing_unknown_and_expected_ones(
    write_csv: WriteCsv, run_import: Import, session_factory: sessionmaker[Session]
) -> None:
    rows = [["Code", " NAME ", "telefon", "type", "manager_code", "price_column", "credit_limit",
             "grad", "regional"], ["C1", "X", "", "key", "", "", "", "", ""]]  # fmt: skip
    with pytest.raises(ImportRefused) as refused:
        run_import("clients", write_csv("clients.csv", rows))

    message = refused.value.message
    assert "missing columns: phone, city" in message
    assert "unknown columns: telefon, grad" in message
    assert "Expected columns: code, name, phone, type" in message
    assert count(session_factory, Client) == 0


def test_empty_header_cells_after_the_last_column_are_ignored(
    write_csv: WriteCsv, run_import: Import
) -> None:
    rows = [[*MANAGERS[0], "", ""], [*MANAGERS[1], "", ""]]
    assert run_import("managers", write_csv("managers.csv", rows)).inserted == 1


def test_an_unknown_kind_is_refused_with_the_kinds_that_exist(
    write_csv: WriteCsv, run_import: Import
) -> None:
    with pytest.raises(ImportRefused, match="use one of managers, clients, products"):
        run_import("invoices", write_csv("x.csv", MANAGERS))


def test_a_file_that_is_not_utf8_is_refused_with_the_line_and_the_fix(
    tmp_path: Path, run_import: Import, session_factory: sessionmaker[Session]
) -> None:
    path = tmp_path / "managers.csv"
    path.write_bytes("code,name,role,department,available\nH1,Ivana,head,wholesale,true\n"
                     "K1,Marko Kova\u010d,kam,wholesale,true\n".encode("cp1250"))  # fmt: skip

    with pytest.raises(ImportRefused, match="not UTF-8 text .*line 3.*CSV UTF-8"):
        run_import("managers", path)
    assert count(session_factory, Manager) == 0


def test_an_empty_file_is_refused_for_having_no_header(tmp_path: Path, run_import: Import) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="no header row.*code, name, role"):
        run_import("managers", path)


def test_a_missing_file_is_refused_with_its_path(tmp_path: Path, run_import: Import) -> None:
    with pytest.raises(ImportRefused, match="does not exist"):
        run_import("managers", tmp_path / "nope.csv")


def test_a_file_that_is_not_really_excel_is_refused(tmp_path: Path, run_import: Import) -> None:
    path = tmp_path / "managers.xlsx"
    path.write_text("code,name\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="cannot be read as an Excel workbook"):
        run_import("managers", path)


# --- bad rows rejected, good rows in --------------------------------------------------------


def test_bad_client_rows_are_reported_by_line_while_good_rows_go_in(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [
        CLIENTS[0],
        ["N1", "Dobar klijent", "01 234 0000", "retail", "", "", "", "", ""],
        ["N2", "Bez menadžera", "", "retail", "M99", "", "", "", ""],
        ["N3", "Loš telefon", "12ab", "retail", "", "", "", "", ""],
        ["N4", "Loš limit", "", "retail", "", "", "puno", "", ""],
        ["N5", "Nepoznat tip", "", "vip", "", "", "", "", ""],
        ["N6", "", "", "retail", "", "", "", "", "maybe"],
        ["N7", "Drugi dobar", "", "horeca", "H1", "", "0", "", "ne"],
    ]
    report = run_import("clients", write_csv("clients.csv", rows))

    assert (report.rows_read, report.inserted, report.ok) == (7, 2, False)
    assert [r.line for r in report.rejected] == [3, 4, 5, 6, 7]
    reasons = [r.reason for r in report.rejected]
    assert reasons[0] == "manager_code 'M99' is unknown: import managers first or leave it empty"
    assert reasons[1].startswith("phone '12ab' is not a phone number")
    assert reasons[2].startswith("credit_limit 'puno' is not a number")
    assert reasons[3].startswith("type 'vip' is unknown: use one of horeca, key, marketer")
    assert reasons[4] == "name is empty: fill it in"
    assert {"N1", "N7"} <= {code for (code,) in table_rows(Client.code)}


def test_bad_order_lines_are_reported_by_line_while_good_lines_go_in(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    rows = [
        ORDERS[0],
        ["O-9", "C1", "2026-09-01", "P1", "1", "10"],
        ["O-9", "C1", "2026-13-01", "P2", "1", "10"],
        ["O-9", "C1", "2026-09-01", "NOPE", "1", "10"],
        ["O-9", "C404", "2026-09-01", "P2", "1", "10"],
        ["O-9", "C1", "2026-09-01", "P2", "-3", "10"],
        ["O-9", "C1", "2026-09-01", "P2", "1", "abc"],
        ["O-9", "C1", "2026-09-01", "P2", "1", "10", "extra"],
        ["O-9", "C1", "2026-09-01", "P3", "1", "10"],
    ]
    report = run_import("orders", write_csv("orders.csv", rows))

    assert report.rejected[:4] == [
        RejectedRow(3, "date '2026-13-01' is not a date: write it as YYYY-MM-DD or DD.MM.YYYY"),
        RejectedRow(4, "sku 'NOPE' is unknown: import products first, or correct the sku"),
        RejectedRow(5, "client_code 'C404' is unknown: import clients first, or correct the code"),
        RejectedRow(6, "qty -3 is not above zero: leave returns and cancellations out of the "
                       "history export"),
    ]  # fmt: skip
    assert [r.line for r in report.rejected[4:]] == [7, 8]
    assert "header names 6 columns" in report.rejected[5].reason
    assert (report.inserted, report.rows_read) == (2, 8)
    assert table_rows(HistoryLine.order_no, HistoryLine.qty) == [("O-9", 1.0), ("O-9", 1.0)]


def test_bad_rows_of_the_other_kinds_are_explained(
    company: None, write_csv: WriteCsv, run_import: Import
) -> None:
    cases = {
        "managers": ([*MANAGERS[:1], ["X1", "Netko", "boss", "retail", "true"]], "role 'boss'"),
        "products": ([*PRODUCTS[:1], ["P9", "Sol", "Začini", "kg", "0", "", "true"]],
                     "pack_size must be above zero"),
        "prices": ([["sku", "column", "price"], ["P1", "A", "-1"]], "price -1 is negative"),
        "specials": ([["sku", "title", "valid_from", "valid_to", "client_types"],
                      ["P1", "Akcija", "2026-11-30", "2026-11-01", "vip"]],
                     "valid_to 2026-11-01 is before valid_from 2026-11-30"),
        "receivables": ([["client_code", "document", "amount", "due_date", "paid"],
                         ["C1", "R-1", "100", "sutra", ""]], "due_date 'sutra' is not a date"),
    }  # fmt: skip
    for kind, (rows, reason) in cases.items():
        report = run_import(kind, write_csv(f"{kind}.csv", rows))
        assert [r.line for r in report.rejected] == [2], kind
        assert report.rejected[0].reason.startswith(reason), report.rejected


def test_the_report_is_json_ready(company: None, write_csv: WriteCsv, run_import: Import) -> None:
    report = run_import("orders", write_csv("orders.csv", [ORDERS[0], ORDERS[1], ["x"] * 6]))

    data = report.as_dict()
    assert data["kind"] == "orders" and data["path"].endswith("orders.csv")
    assert (data["rows_read"], data["inserted"], data["updated"], data["ok"]) == (2, 1, 0, False)
    assert data["rejected"][0]["line"] == 3 and "qty 'x'" in data["rejected"][0]["reason"]


# --- formats and languages ----------------------------------------------------------------


def test_an_xlsx_export_imports_like_a_csv(
    tmp_path: Path, run_import: Import, table_rows: TableRows
) -> None:
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["SKU", "Name", "Category", "Unit", "Pack_size", "New_since", "Active"])
    sheet.append([1001, "Ajvar blagi 680 g", "Povrće", "jar", 12, datetime(2026, 10, 1), True])
    sheet.append([1002, "Кефир 1 л", "Mliječni", "l", 1.5, None, None])
    path = tmp_path / "products.xlsx"
    workbook.save(path)

    report = run_import("products", path)

    assert (report.inserted, report.ok) == (2, True)
    assert table_rows(Product.sku, Product.name, Product.pack_size, Product.new_since)[0][:3] == (
        "1001", "Ajvar blagi 680 g", Decimal(12),
    )  # fmt: skip
    assert table_rows(Product.sku, Product.pack_size, Product.active)[1] == (
        "1002", Decimal("1.5"), True,
    )  # fmt: skip


def test_croatian_and_cyrillic_names_round_trip_through_a_semicolon_csv_with_a_bom(
    tmp_path: Path, run_import: Import, table_rows: TableRows
) -> None:
    path = tmp_path / "products.csv"
    path.write_text(
        "\ufeffsku;name;category;unit;pack_size;new_since;active\n"
        "H1;Čokolada Đurđa ćevapi;Slatkiši;pc;1,5;01.10.2026;da\n"
        "R1;Молоко «Простоквашино» 1 л;Молочные;l;1;;ne\n",
        encoding="utf-8",
    )
    report = run_import("products", path)

    assert report.ok, report.rejected
    assert table_rows(
        Product.sku, Product.name, Product.search_name, Product.pack_size, Product.active
    ) == [  # fmt: skip
        ("H1", "Čokolada Đurđa ćevapi", "cokolada durda cevapi", Decimal("1.5"), True),
        ("R1", "Молоко «Простоквашино» 1 л", "молоко «простоквашино» 1 л", Decimal(1), False),
    ]


def test_a_row_the_database_refuses_is_reported_while_the_rest_of_its_batch_goes_in(
    company: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from ingest.erp.importers_history import ReceivablesImporter

    load_lookups = ReceivablesImporter.prepare

    def with_a_client_deleted_meanwhile(importer: ReceivablesImporter) -> None:
        load_lookups(importer)
        importer.clients["GONE"] = 987_654  # known when the file was read, deleted since

    monkeypatch.setattr(ReceivablesImporter, "prepare", with_a_client_deleted_meanwhile)
    rows = [
        ["client_code", "document", "amount", "due_date", "paid"],
        ["C1", "R-1", "100", "2026-10-15", ""],
        ["GONE", "R-2", "100", "2026-10-15", ""],
        ["C2", "R-3", "100", "2026-10-15", ""],
    ]
    report = run_import("receivables", write_csv("receivables.csv", rows))

    assert [r.line for r in report.rejected] == [3]
    assert report.rejected[0].reason.startswith("the database refused this row (")
    assert (report.inserted, table_rows(Receivable.document)) == (2, [("R-1",), ("R-3",)])
