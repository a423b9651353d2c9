"""Reading cells of ERP exports: numbers in both notations, booleans, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ingest.erp import fields
from ingest.erp.fields import RowError


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1234.5", Decimal("1234.5")),
        ("1234,50", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1.234.567", Decimal("1234567")),
        (" -12 ", Decimal(-12)),
    ],
)
def test_numbers_are_read_with_a_decimal_point_or_a_decimal_comma(
    cell: str, value: Decimal
) -> None:
    assert fields.decimal(cell, "price") == value
    assert fields.number(cell, "price") == float(value)


@pytest.mark.parametrize("cell", ["abc", "1,2,3.4.5", "nan", "inf", "12kn"])
def test_a_cell_that_is_not_a_number_is_refused_with_the_expected_notation(cell: str) -> None:
    with pytest.raises(RowError, match=r"price .* is not a number: write it like 1234.50"):
        fields.number(cell, "price")


@pytest.mark.parametrize(
    ("cell", "value"),
    [("true", True), ("YES", True), ("1", True), ("da", True),
     ("false", False), ("no", False), ("0", False), ("Ne", False)],
)  # fmt: skip
def test_booleans_accept_english_digits_and_croatian(cell: str, value: bool) -> None:
    assert fields.boolean(cell, "active", default=not value) is value


def test_an_empty_boolean_takes_the_default_and_a_strange_one_is_refused() -> None:
    assert fields.boolean(" ", "active", default=True) is True
    with pytest.raises(RowError, match="active 'maybe' is not true/false"):
        fields.boolean("maybe", "active", default=True)


@pytest.mark.parametrize("cell", ["2026-11-05", "05.11.2026", "5.11.2026.", "2026-11-05 08:26:00"])
def test_dates_are_read_in_iso_and_croatian_notation(cell: str) -> None:
    assert fields.day(cell, "date") == date(2026, 11, 5)


def test_an_impossible_date_is_refused_with_the_notation_to_use() -> None:
    with pytest.raises(RowError, match="date '31.02.2026' is not a date: write it as YYYY-MM-DD"):
        fields.day("31.02.2026", "date")


def test_text_longer_than_its_column_is_refused_with_the_limit() -> None:
    with pytest.raises(RowError, match="code is 41 characters long: shorten it to 40"):
        fields.text("x" * 41, "code", max_length=40)
