"""Local formats through Babel, and numbers typed with either decimal mark."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from assistant.errors import DeskError
from assistant.formats import day, money, number, parse_number


def test_money_reads_as_each_language_writes_it() -> None:
    assert money(Decimal("1234.56"), language="hr") == "1.234,56\xa0€"
    assert money(Decimal("1234.56"), language="en") == "€1,234.56"


def test_dates_and_numbers_follow_the_language() -> None:
    assert day(date(2026, 11, 27), language="hr") == "27. 11. 2026."
    assert day(date(2026, 11, 27), language="en") == "27 Nov 2026"
    assert number(Decimal("1234.5"), language="hr") == "1.234,5"
    assert number(Decimal("1234.5"), language="en") == "1,234.5"


@pytest.mark.parametrize(
    ("typed", "language", "value"),
    [
        ("1,5", "hr", "1.5"),
        ("1.5", "hr", "1.5"),
        ("1,5", "en", "1.5"),
        ("1.5", "en", "1.5"),
        ("1.234", "hr", "1234"),
        ("1,234", "en", "1234"),
        ("1.234", "en", "1.234"),
        ("1,234", "hr", "1.234"),
        ("1.234,56", "hr", "1234.56"),
        ("1,234.56", "hr", "1234.56"),
        ("1 234,5", "hr", "1234.5"),
        ("12", "hr", "12"),
        ("-3,25", "hr", "-3.25"),
    ],
)
def test_numbers_typed_with_either_mark_are_read_without_guessing_wrong(
    typed: str, language: str, value: str
) -> None:
    assert parse_number(typed, language=language) == Decimal(value)


@pytest.mark.parametrize(
    "typed", ["", "abc", "1,2,3.4.5", "1.234,5.6", "12kg", "1,5.000", "12.34.567"]
)
def test_what_is_not_a_number_says_how_to_type_one(typed: str) -> None:
    with pytest.raises(DeskError, match="number|marks"):
        parse_number(typed, language="hr")


def test_a_language_the_desk_does_not_speak_is_refused() -> None:
    with pytest.raises(DeskError, match="hr or en"):
        money(1, language="de")
