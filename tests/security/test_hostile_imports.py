"""ERP import files with hostile cells: refused row by row with a reason, or stored verbatim."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.catalog.models import Product
from assistant.clients.models import Client
from tests.cli.test_cli import _desk, desk_db
from tests.ingest.conftest import Import, WriteCsv
from tests.ingest.test_discount_import import HEADER as DISCOUNT_HEADER
from tests.ingest.test_importers import CLIENTS, ORDERS, PRODUCTS, company
from tests.ingest.test_importers import MANAGERS as MANAGERS_FULL

__all__ = ["company", "desk_db"]  # fixtures: an imported company; the CLI's database

SCRIPT = "<script>alert('x')</script><b>Konzum</b>"
SQL = "'; DROP TABLE clients; --"
FORMULA = '=HYPERLINK("http://evil","x")'
CONTROL = "Bell\x07 tab\t vertical\x0b end"
HUGE = "A" * 100_000

MANAGERS = [["code", "name", "role", "department", "available"], ["M1", "Ana", "manager", "r", "1"]]
CLIENT_HEADER = ["code", "name", "phone", "type", "manager_code", "price_column", "credit_limit",
                 "city", "regional"]  # fmt: skip


def _client(code: str, name: str, **over: str) -> list[str]:
    cells = [code, name, "", "marketer", "M1", "", "", "Zagreb", "no"]
    row = dict(zip(CLIENT_HEADER, cells, strict=True))
    row.update(over)
    return list(row.values())


def _names(session_factory: Any, model: Any) -> dict[str, str]:
    with session_factory() as s:
        return {r.code if model is Client else r.sku: r.name for r in s.scalars(select(model))}


def test_hostile_client_names_are_stored_verbatim_or_refused_with_a_reason(
    write_csv: WriteCsv, run_import: Import, session_factory: Any
) -> None:
    assert run_import("managers", write_csv("managers.csv", MANAGERS)).ok
    rows = [
        CLIENT_HEADER,
        _client("C1", SCRIPT),
        _client("C2", SQL),
        _client("C3", FORMULA),
        _client("C4", CONTROL),
        _client("C5", "Nul\x00byte d.o.o."),
        _client("C6", HUGE),
        _client("C7", "Phone with NUL", phone="01\x00234 5678"),
        _client("C'8", "Quote in the code"),
    ]
    report = run_import("clients", write_csv("clients.csv", rows))
    names = _names(session_factory, Client)
    assert names["C1"] == SCRIPT and names["C2"] == SQL and names["C3"] == FORMULA
    assert names["C4"] == CONTROL and names["C'8"] == "Quote in the code"
    assert {"C5", "C6", "C7"}.isdisjoint(names)
    reasons = {r.line: r.reason for r in report.rejected}
    assert reasons[6] == "name contains a NUL byte (0x00): remove it in the ERP and export again"
    assert reasons[7] == "name is 100000 characters long: shorten it to 300"
    assert "is not a phone number" in reasons[8]
    assert (report.inserted, len(report.rejected)) == (5, 3)


FILES = {
    "prices": [["sku", "column", "price"], ["P1", "A", "10"]],
    "specials": [["sku", "title", "valid_from", "valid_to", "client_types"],
                 ["P1", "Akcija", "2026-11-01", "2026-11-30", ""]],
    "discounts": [DISCOUNT_HEADER, ["OIL6", "Oil six-pack", "marketer", "P1", "", "6", "", "5",
                                    "2026-11-01", ""]],
    "receivables": [["client_code", "document", "amount", "due_date", "paid"],
                    ["C1", "R-1", "100", "2026-10-15", "0"]],
    "orders": ORDERS,
}  # fmt: skip
HOSTILE = {
    "html": SCRIPT,
    "sql": SQL,
    "formula": "@SUM(1+1)",
    "nul": "x\x00y",
    "control": CONTROL,
    "huge": HUGE,
}


@pytest.mark.parametrize("kind", [*FILES, "managers", "clients", "products"])
def test_every_cell_of_every_kind_takes_hostile_text_without_crashing(
    kind: str, company: None, write_csv: WriteCsv, run_import: Import, session_factory: Any
) -> None:
    valid = {**FILES, "managers": MANAGERS_FULL, "clients": CLIENTS, "products": PRODUCTS}[kind]
    header, template = valid[0], valid[1]
    rows = [header]
    for column in range(len(header)):
        for value in HOSTILE.values():
            rows.append([value if i == column else cell for i, cell in enumerate(template)])
    report = run_import(kind, write_csv(f"{kind}.csv", rows))

    assert report.rows_read == len(rows) - 1
    for rejected in report.rejected:
        assert rejected.reason and "Traceback" not in rejected.reason
        assert len(rejected.reason) < 500, rejected.reason  # a 100 kB value is not echoed back
    # The SQL metacharacters stayed data: the tables are all there.
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Client)) >= 3
        assert s.scalar(select(func.count()).select_from(Product)) >= 3


def test_desk_import_of_a_hostile_file_reports_rejections_without_a_traceback(
    desk_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    export = tmp_path / "products.csv"
    export.write_text(
        "sku,name,category,unit,pack_size,new_since,active\n"
        f"X1,{SCRIPT},Ulja,pc,1,,true\n"
        f'X2,"{SQL}",Ulja,pc,1,,true\n'
        "X3,Nul\x00byte,Ulja,pc,1,,true\n"
        f"{HUGE},Huge code,Ulja,pc,1,,true\n",
        encoding="utf-8",
    )
    code, out, err = _desk(["import", "products", str(export)], monkeypatch, capsys)
    assert code == 1 and "Traceback" not in out + err
    assert "products: 4 rows read, 2 inserted, 0 updated, 2 rejected." in out
    assert "line 4: name contains a NUL byte (0x00)" in out
    assert len(out) < 2_000  # the 100 kB code is shortened in the report
