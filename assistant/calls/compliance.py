"""The compliance meter: what the company's standard asks of a call, and what was done (R11-R17).

A kind of offer counts as mentioned when at least one of its items was answered (accepted
or declined) or is on the order; a kind the desk had nothing to offer does not count
against the operator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from assistant.calls.state import OrderDetails
from assistant.i18n import N_
from assistant.offers.models import Offers

ADDONS_WANTED = 3  # R12: three or four items beyond the order
# The meter's checks in the order the call meets them; labels translated where shown.
CHECKS = {
    "new": (N_("new items mentioned"), "R11"),
    "special": (N_("specials mentioned"), "R11"),
    "traditional": (N_("traditional products reminded"), "R11"),
    "addons": (N_("add-ons offered"), "R12"),
    "delivery": (N_("delivery agreed"), "R16"),
    "receiver": (N_("receiver agreed"), "R16"),
    "payment": (N_("payment agreed"), "R16"),
    "documents": (N_("documents agreed"), "R16"),
    "regional": (N_("pickup or shipping agreed"), "R17"),
}


@dataclass(frozen=True)
class Check:
    """One point of the standard: done, missing, or not applicable to this call."""

    code: str
    requirement: str
    state: str  # "done" | "missing" | "n/a"
    count: int | None = None  # add-ons offered so far

    @property
    def label(self) -> str:
        """The English label (a message id: translate it where shown)."""
        return CHECKS[self.code][0]


def meter(
    *,
    offers: Offers | None,
    answered: Mapping[str, bool],
    lines: Mapping[str, Decimal],
    details: OrderDetails | None,
    regional: bool,
) -> list[Check]:
    """Every check of the call as it stands now."""
    checks = [
        _mentioned(kind, offers, answered, lines) for kind in ("new", "special", "traditional")
    ]
    checks.append(_addons(offers, answered, lines))
    checks += _agreed(details, regional=regional)
    return checks


def missing(checks: list[Check]) -> list[Check]:
    """The checks still to do."""
    return [c for c in checks if c.state == "missing"]


def _items(offers: Offers | None, kind: str) -> list[str]:
    if offers is None:
        return []
    by_kind = {
        "new": offers.new,
        "special": offers.special,
        "traditional": offers.traditional,
        "addon": offers.addons,
    }
    return [item.sku for item in by_kind[kind]]


def _mentioned(
    kind: str, offers: Offers | None, answered: Mapping[str, bool], lines: Mapping[str, Decimal]
) -> Check:
    skus = _items(offers, kind)
    requirement = CHECKS[kind][1]
    if not skus:
        return Check(kind, requirement, "n/a")
    said = any(sku in answered or sku in lines for sku in skus)
    return Check(kind, requirement, "done" if said else "missing")


def _addons(
    offers: Offers | None, answered: Mapping[str, bool], lines: Mapping[str, Decimal]
) -> Check:
    skus = _items(offers, "addon")
    if not skus:
        return Check("addons", "R12", "n/a", 0)
    count = sum(1 for sku in skus if sku in answered or sku in lines)
    wanted = min(ADDONS_WANTED, len(skus))
    return Check("addons", "R12", "done" if count >= wanted else "missing", count)


def _agreed(details: OrderDetails | None, *, regional: bool) -> list[Check]:
    d = details
    # A regional client collecting at the warehouse agrees a pickup time instead of a day.
    when = d is not None and (d.delivery_date is not None or d.pickup_at is not None)
    facts = {
        "delivery": when,
        "receiver": d is not None and bool((d.receiver or "").strip()),
        "payment": d is not None and bool(d.payment),
        "documents": d is not None and bool(d.documents),
    }
    checks = [
        Check(code, CHECKS[code][1], "done" if done else "missing") for code, done in facts.items()
    ]
    if regional:
        chosen = d is not None and (d.pickup_at is not None or bool((d.ship_to or "").strip()))
        checks.append(Check("regional", "R17", "done" if chosen else "missing"))
    else:
        checks.append(Check("regional", "R17", "n/a"))
    return checks
