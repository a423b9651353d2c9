"""Reading one cell of an ERP export: text, booleans, numbers and dates, with a fix-it reason."""

from __future__ import annotations

import math
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from assistant.i18n import _

_TRUE = frozenset({"true", "yes", "y", "1", "da", "d", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "ne", "f"})
# Thousands separators people and spreadsheets put in numbers: space, no-break spaces, apostrophe.
_GROUPING = str.maketrans("", "", " \u00a0\u202f'")


class RowError(ValueError):
    """A row cannot be imported; `reason` says what is wrong and how to fix it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def text(value: str, column: str, *, max_length: int | None = None, required: bool = True) -> str:
    """The stripped text of a cell; refused when empty (if required) or too long for its column."""
    cleaned = value.strip()
    if "\x00" in cleaned:
        # PostgreSQL refuses NUL in text and SQLite would keep it: refused alike on both.
        raise RowError(
            _("{column} contains a NUL byte (0x00): remove it in the ERP and export again").format(
                column=column
            )
        )
    if required and not cleaned:
        raise RowError(_("{column} is empty: fill it in").format(column=column))
    if max_length is not None and len(cleaned) > max_length:
        raise RowError(
            _("{column} is {length} characters long: shorten it to {max_length}").format(
                column=column, length=len(cleaned), max_length=max_length
            )
        )
    return cleaned


def optional_text(value: str, column: str, *, max_length: int | None = None) -> str | None:
    """The stripped text of a cell, or None when it is empty."""
    return text(value, column, max_length=max_length, required=False) or None


def client_types(value: str, known: Collection[str]) -> str:
    """A ';'-separated list of client type codes, each one known; empty means every type."""
    types = list(dict.fromkeys(t.strip() for t in value.split(";") if t.strip()))
    if unknown := [t for t in types if t not in known]:
        raise RowError(
            _(
                "client_types {unknown} unknown: use {known} separated by ';', "
                "or leave it empty for every type"
            ).format(unknown=", ".join(map(repr, unknown)), known=", ".join(sorted(known)))
        )
    return ";".join(types)


def boolean(value: str, column: str, *, default: bool) -> bool:
    """true/false, yes/no, 1/0 (and Croatian da/ne); an empty cell means `default`."""
    word = value.strip().lower()
    if not word:
        return default
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise RowError(
        _("{column} {value!r} is not true/false: write true, false, yes, no, 1 or 0").format(
            column=column, value=value.strip()
        )
    )


def _canonical_number(value: str) -> str:
    """'1.234,50' -> '1234.50'; the last of '.' and ',' is the decimal mark, the other groups."""
    cleaned = value.strip().translate(_GROUPING)
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            return cleaned.replace(".", "").replace(",", ".")
        return cleaned.replace(",", "")
    if cleaned.count(",") == 1:
        return cleaned.replace(",", ".")
    if cleaned.count(",") > 1:
        return cleaned.replace(",", "")
    if cleaned.count(".") > 1:
        return cleaned.replace(".", "")
    return cleaned


def _bad_number(value: str, column: str) -> RowError:
    return RowError(
        _("{column} {value!r} is not a number: write it like 1234.50 or 1.234,50").format(
            column=column, value=value.strip()
        )
    )


def decimal(value: str, column: str) -> Decimal:
    """A money or quantity cell as Decimal; decimal comma and thousands separators accepted."""
    canonical = _canonical_number(value)
    if not canonical:
        raise RowError(_("{column} is empty: fill in a number").format(column=column))
    try:
        number = Decimal(canonical)
    except InvalidOperation:
        raise _bad_number(value, column) from None
    if not number.is_finite():
        raise _bad_number(value, column)
    return number


def optional_decimal(value: str, column: str) -> Decimal | None:
    """A number cell, or None when it is empty."""
    return decimal(value, column) if value.strip() else None


def number(value: str, column: str) -> float:
    """A float cell (order history); the plain '12.5' form takes the fast path."""
    if "," not in value and "_" not in value:
        try:
            result = float(value)
        except ValueError:
            result = float(decimal(value, column))
    else:
        result = float(decimal(value, column))
    if not math.isfinite(result):
        raise _bad_number(value, column)
    return result


@lru_cache(maxsize=8192)
def _parse_date(cleaned: str) -> date | None:
    """The date in `cleaned`, or None; cached because history repeats the same few hundred dates."""
    for layout in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y.", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
    return None


def day(value: str, column: str) -> date:
    """A date cell: YYYY-MM-DD, or DD.MM.YYYY as Croatian exports write it."""
    cleaned = value.strip()
    if not cleaned:
        raise RowError(_("{column} is empty: fill in a date as YYYY-MM-DD").format(column=column))
    parsed = _parse_date(cleaned)
    if parsed is None:
        raise RowError(
            _("{column} {value!r} is not a date: write it as YYYY-MM-DD or DD.MM.YYYY").format(
                column=column, value=cleaned
            )
        )
    return parsed


def optional_day(value: str, column: str) -> date | None:
    """A date cell, or None when it is empty."""
    return day(value, column) if value.strip() else None
