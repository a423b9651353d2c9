"""The sentences the operator reads about offers, in the language now, kept together.

Each is built when the offers are drawn (never cached with the history model), so a
switch of language shows on the next run.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.numbers import format_percent

from assistant.formats import day, number
from assistant.i18n import _, language, ngettext


def quantity(value: float) -> str:
    """A quantity without trailing zeros ("12", "2.5"; "2,5" in hr)."""
    return number(Decimal(str(round(value, 3))).normalize())


def percent(share: float) -> str:
    """A share as a whole percentage, never a misleading 0% ("64%"; "64 %" in hr)."""
    value = share * 100
    if 0 < value < 1:
        return _("under {percent}").format(percent=format_percent(0.01, locale=language()))
    return format_percent(round(value) / 100, locale=language())


def habit_why(*, orders_with: int, orders_total: int, usual: float, unit: str, last: date) -> str:
    """Why a product is traditional for this client."""
    return ngettext(
        "Bought in {orders_with} of its {orders_total} order, usually {usual} {unit}; "
        "last on {last}",
        "Bought in {orders_with} of its {orders_total} orders, usually {usual} {unit}; "
        "last on {last}",
        orders_total,
    ).format(
        orders_with=orders_with,
        orders_total=orders_total,
        usual=quantity(usual),
        unit=unit,
        last=day(last),
    )


def type_why(*, type_label: str, share: float) -> str:
    """Why a product is traditional for clients of this type."""
    return _("Popular with {type_label} clients: bought by {percent} of them").format(
        type_label=type_label, percent=percent(share)
    )


def overall_why(*, share: float) -> str:
    """Why a product is suggested for its popularity alone."""
    return _("Popular with all clients: in {percent} of orders").format(percent=percent(share))


def together_why(*, name: str) -> str:
    """Why a product is suggested as an add-on to the basket."""
    return _("Often bought with {name}").format(name=name)


def declined_why(*, why: str) -> str:
    """The reason of an item the client declined lately, put last for that."""
    return _("{why} (declined in a recent call)").format(why=why)


def rising_why() -> str:
    """Why a product is suggested for selling more than usual lately."""
    return _("Selling more than usual lately")


def assortment_why() -> str:
    """Why a product is suggested when there is no history to go by."""
    return _("From the assortment: worth mentioning")


def type_label_default(code: str) -> str:
    """A readable client type when no label is configured ("own_outlet" -> "own outlet")."""
    return code.replace("_", " ")


def new_why(*, since: date) -> str:
    """Why a new product is pointed out."""
    return _("New in the assortment since {since}").format(since=day(since))


def special_why(*, title: str, valid_to: date) -> str:
    """Why a special position is pointed out."""
    return _("{title}, until {valid_to}").format(title=title, valid_to=day(valid_to))
