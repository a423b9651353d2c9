"""Numbers, money and dates in the operator's language (Babel), and numbers typed back.

Screens and texts call these instead of f"{x:,.2f}"; without `language=` they speak the
language now (assistant.i18n).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from assistant.errors import DeskError
from assistant.i18n import LANGUAGES, _
from assistant.i18n import language as current_language

CURRENCY = "EUR"
# Croatian readers expect "27. 11. 2026."; English ones "27 Nov 2026".
_DAY_PATTERNS = {"hr": "short", "en": "d MMM y"}
_DECIMAL_MARK = {"hr": ",", "en": "."}
_TYPED = re.compile(r"[+-]?[\d.,]+")


def _language(language: str | None) -> str:
    if language is None:
        return current_language()
    if language not in LANGUAGES:
        raise DeskError(
            _("Language {language!r} is not one of the desk's: use hr or en.").format(
                language=language
            )
        )
    return language


def money(amount: Decimal | float, *, language: str | None = None) -> str:
    """An amount in euros: "1.234,56 €" in hr, "€1,234.56" in en."""
    return format_currency(amount, CURRENCY, locale=_language(language))


def number(value: Decimal | float, *, language: str | None = None) -> str:
    """A quantity or price without a currency: "1.234,5" in hr, "1,234.5" in en."""
    return format_decimal(value, locale=_language(language))


def day(value: date, *, language: str | None = None) -> str:
    """A date: "27. 11. 2026." in hr, "27 Nov 2026" in en."""
    language = _language(language)
    return format_date(value, format=_DAY_PATTERNS[language], locale=language)


def parse_number(text: str, *, language: str | None = None) -> Decimal:
    """A number as typed, with either decimal mark; the language decides only what is ambiguous.

    "1,5" and "1.5" are 1.5 in both languages; "1.234" is 1234 in hr and 1.234 in en
    (a mark followed by exactly three digits is that language's thousands separator).
    """
    mark = _DECIMAL_MARK[_language(language)]
    typed = "".join(text.split())  # spaces and no-break spaces group thousands
    if not _TYPED.fullmatch(typed):
        raise DeskError(
            _("{text!r} is not a number: type digits, e.g. 12 or 1,5.").format(text=text)
        )
    marks = [c for c in typed if c in ".,"]
    if not marks:
        decimal_mark = None
    elif len(set(marks)) == 2:
        decimal_mark = marks[-1]  # "1.234,5" or "1,234.5": the last mark is the decimal one
    elif len(marks) > 1:
        decimal_mark = None  # "1.234.567": only grouping
    elif marks[0] == mark:
        decimal_mark = mark
    else:
        # The other language's mark: grouping when three digits follow, as that language
        # would read it; otherwise ("1.5" in hr) it can only be a decimal mark.
        decimals = typed.split(marks[0])[1]
        decimal_mark = None if len(decimals) == 3 else marks[0]
    whole, _mark, fraction = typed.partition(decimal_mark) if decimal_mark else (typed, "", "")
    groups = re.split(r"[.,]", whole.lstrip("+-"))
    if (decimal_mark and ("." in fraction or "," in fraction)) or any(
        len(group) != 3 for group in groups[1:]
    ):
        raise DeskError(
            _(
                "{text!r} mixes up its marks: group thousands by three, the decimal mark "
                "last, e.g. 1.234,5 or 1,5."
            ).format(text=text)
        )
    digits = whole.replace(".", "").replace(",", "")
    try:
        return Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation as exc:
        raise DeskError(
            _("{text!r} is not a number: type digits, e.g. 12 or 1,5.").format(text=text)
        ) from exc
