"""The sentences the operator reads about offers, kept together for translation."""

from __future__ import annotations

from datetime import date


def quantity(value: float) -> str:
    """A quantity without trailing zeros ("12", "2.5")."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def percent(share: float) -> str:
    """A share as a whole percentage, never a misleading 0%."""
    value = share * 100
    return "under 1%" if 0 < value < 1 else f"{value:.0f}%"


def habit_why(*, orders_with: int, orders_total: int, usual: float, unit: str, last: date) -> str:
    """Why a product is traditional for this client."""
    return (
        f"Bought in {orders_with} of its {orders_total} orders, usually "
        f"{quantity(usual)} {unit}; last on {last.isoformat()}"
    )


def type_why(*, type_label: str, share: float) -> str:
    """Why a product is traditional for clients of this type."""
    return f"Popular with {type_label} clients: bought by {percent(share)} of them"


def overall_why(*, share: float) -> str:
    """Why a product is suggested for its popularity alone."""
    return f"Popular with all clients: in {percent(share)} of orders"


def together_why(*, name: str) -> str:
    """Why a product is suggested as an add-on to the basket."""
    return f"Often bought with {name}"


def assortment_why() -> str:
    """Why a product is suggested when there is no history to go by."""
    return "From the assortment: worth mentioning"


def type_label_default(code: str) -> str:
    """A readable client type when no label is configured ("own_outlet" -> "own outlet")."""
    return code.replace("_", " ")


def new_why(*, since: date) -> str:
    """Why a new product is pointed out."""
    return f"New in the assortment since {since.isoformat()}"


def special_why(*, title: str, valid_to: date) -> str:
    """Why a special position is pointed out."""
    return f"{title}, until {valid_to.isoformat()}"
