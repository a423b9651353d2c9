"""What the offers panel shows: new, special, traditional and add-on items (R11-R13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

OFFER_KINDS = ("new", "special", "traditional", "addon")


@dataclass(frozen=True)
class OfferItem:
    """One item to offer, with a sentence the operator can say about it."""

    sku: str
    name: str
    kind: str
    why: str
    price: float | None = None
    usual_qty: float | None = None
    last_bought: date | None = None
    valid_to: date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form; dates as ISO strings."""
        return {
            "sku": self.sku,
            "name": self.name,
            "kind": self.kind,
            "why": self.why,
            "price": self.price,
            "usual_qty": self.usual_qty,
            "last_bought": self.last_bought.isoformat() if self.last_bought else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


@dataclass(frozen=True)
class Offers:
    """Everything to offer during one call, by kind."""

    new: list[OfferItem]
    special: list[OfferItem]
    traditional: list[OfferItem]
    addons: list[OfferItem]

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """JSON-ready form, one list per kind."""
        return {
            "new": [item.as_dict() for item in self.new],
            "special": [item.as_dict() for item in self.special],
            "traditional": [item.as_dict() for item in self.traditional],
            "addons": [item.as_dict() for item in self.addons],
        }

    def skus(self) -> set[str]:
        """Every SKU offered, whatever its kind."""
        return {i.sku for i in (*self.new, *self.special, *self.traditional, *self.addons)}
