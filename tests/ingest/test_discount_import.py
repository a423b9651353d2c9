"""`desk import discounts`: rules go in by code, re-import updates, bad rows say the fix (R15)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from assistant.discounts.models import DiscountRule
from ingest.erp.importers import ImportReport
from tests.ingest.test_importers import PRODUCTS

WriteCsv = Callable[..., Path]
Import = Callable[[str, Path], ImportReport]
TableRows = Callable[..., list[tuple[Any, ...]]]

HEADER = ["code", "title", "client_types", "sku", "category", "min_qty", "min_order_value",
          "percent", "valid_from", "valid_to"]  # fmt: skip
RULES = [
    HEADER,
    ["OIL6", "Oil six-pack", "marketer;retail", "P1", "", "6", "", "5", "2026-11-01",
     "2026-12-31"],
    ["SWEETS", "Sweet week", "", "", "slatkiši", "48", "", "7,5 %", "", ""],
    ["BIG", "Big order", "key", "", "", "", "1.000,00", "3", "01.11.2026", ""],
]  # fmt: skip


@pytest.fixture
def products(write_csv: WriteCsv, run_import: Import) -> None:
    assert run_import("products", write_csv("products.csv", PRODUCTS)).ok


def test_rules_of_every_scope_are_imported_with_categories_spelt_as_the_products_do(
    products: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    report = run_import("discounts", write_csv("discounts.csv", RULES))

    assert (report.rows_read, report.inserted, report.updated, report.ok) == (3, 3, 0, True)
    rows = table_rows(
        DiscountRule.code, DiscountRule.client_types, DiscountRule.sku, DiscountRule.category,
        DiscountRule.min_qty, DiscountRule.min_order_value, DiscountRule.percent,
        DiscountRule.valid_from, DiscountRule.valid_to,
    )  # fmt: skip
    assert rows == [
        ("BIG", "key", None, None, None, Decimal("1000.00"), Decimal("3.00"),
         date(2026, 11, 1), None),
        ("OIL6", "marketer;retail", "P1", None, Decimal(6), None, Decimal("5.00"),
         date(2026, 11, 1), date(2026, 12, 31)),
        ("SWEETS", "", None, "Slatkiši", Decimal(48), None, Decimal("7.50"), None, None),
    ]  # fmt: skip


def test_reimporting_a_rule_updates_it_by_code_and_never_duplicates(
    products: None, write_csv: WriteCsv, run_import: Import, table_rows: TableRows
) -> None:
    run_import("discounts", write_csv("discounts.csv", RULES))
    changed = [HEADER, ["OIL6", "Oil six-pack, longer", "", "P1", "", "12", "", "6", "", ""]]

    report = run_import("discounts", write_csv("discounts.csv", changed))

    assert (report.inserted, report.updated, report.ok) == (0, 1, True)
    assert table_rows(DiscountRule.code, DiscountRule.title, DiscountRule.min_qty)[1] == (
        "OIL6", "Oil six-pack, longer", Decimal(12),
    )  # fmt: skip
    assert len(table_rows(DiscountRule.code)) == 3


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["X", "T", "", "P1", "Ulja", "6", "", "5", "", ""], "the rule names both sku and"),
        (["X", "T", "", "P9", "", "6", "", "5", "", ""], "sku 'P9' is unknown"),
        (["X", "T", "", "", "Tjestenina", "6", "", "5", "", ""], "no product has the category"),
        (["X", "T", "", "P1", "", "6", "100", "5", "", ""], "min_order_value is for a rule on"),
        (["X", "T", "", "", "", "6", "", "5", "", ""], "min_qty needs a sku or a category"),
        (["X", "T", "", "P1", "", "-1", "", "5", "", ""], "min_qty is negative"),
        (["X", "T", "", "P1", "", "6", "", "0", "", ""], "percent 0 is out of range"),
        (["X", "T", "", "P1", "", "6", "", "120", "", ""], "percent 120 is out of range"),
        (["X", "T", "vip", "P1", "", "6", "", "5", "", ""], "client_types 'vip' unknown"),
        (["X", "T", "", "P1", "", "6", "", "5", "2026-12-01", "2026-11-01"],
         "valid_to 2026-11-01 is before valid_from 2026-12-01"),
        (["", "T", "", "P1", "", "6", "", "5", "", ""], "code is empty"),
    ],
)  # fmt: skip
def test_a_bad_rule_is_reported_by_line_with_the_fix_while_good_rows_go_in(
    products: None, write_csv: WriteCsv, run_import: Import, row: list[str], reason: str
) -> None:
    report = run_import("discounts", write_csv("discounts.csv", [*RULES[:2], row]))

    assert report.inserted == 1
    assert [r.line for r in report.rejected] == [3]
    assert report.rejected[0].reason.startswith(reason), report.rejected


def test_an_xlsx_file_of_rules_imports_like_a_csv(
    products: None, tmp_path: Path, run_import: Import, table_rows: TableRows
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["OIL6", "Oil six-pack", None, "P1", None, 6, None, 5, datetime(2026, 11, 1),
                  datetime(2026, 11, 30)])  # fmt: skip
    path = tmp_path / "discounts.xlsx"
    workbook.save(path)

    report = run_import("discounts", path)

    assert (report.inserted, report.ok) == (1, True)
    assert table_rows(DiscountRule.sku, DiscountRule.percent, DiscountRule.valid_to) == [
        ("P1", Decimal(5), date(2026, 11, 30))
    ]
