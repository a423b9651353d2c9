"""The compliance meter: what the company's standard asks of a call, and what was done (R11-R17).

A kind of offer counts as mentioned when at least one of its items was answered (accepted
or declined) or is on the order; a kind the desk had nothing to offer does not count
against the operator.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

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
    "discounts": (N_("discount rules stated"), "R15"),
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
    offered: Iterable[tuple[str, str]],
    answered: Mapping[str, bool],
    lines: Collection[str],
    details: OrderDetails | None,
    regional: bool,
    discounts_stated: bool | None = None,
) -> list[Check]:
    """Every check of the call as it stands now.

    `discounts_stated` is None when no programme applies to or is in reach of the order;
    otherwise whether the operator ticked that the rules were stated (R15).

    `offered` is every (sku, kind) the call was shown (what the log recorded), so the live
    page and a later check of the placed order count the same offers.
    """
    by_kind: dict[str, list[str]] = {}
    for sku, kind in offered:
        by_kind.setdefault(kind, []).append(sku)
    checks = [
        _mentioned(kind, by_kind.get(kind, []), answered, lines)
        for kind in ("new", "special", "traditional")
    ]
    checks.append(_addons(by_kind.get("addon", []), answered, lines))
    if discounts_stated is not None:
        checks.append(Check("discounts", "R15", "done" if discounts_stated else "missing"))
    checks += _agreed(details, regional=regional)
    return checks


# What the order itself refuses to be placed without: no reason can skip these.
ORDER_CHECKED = frozenset({"delivery", "receiver", "regional"})


def missing(checks: list[Check]) -> list[Check]:
    """The checks still to do."""
    return [c for c in checks if c.state == "missing"]


def skippable(checks: list[Check]) -> list[Check]:
    """The checks still to do that an order may leave undone with a reason."""
    return [c for c in missing(checks) if c.code not in ORDER_CHECKED]


def _mentioned(
    kind: str, skus: list[str], answered: Mapping[str, bool], lines: Collection[str]
) -> Check:
    requirement = CHECKS[kind][1]
    if not skus:
        return Check(kind, requirement, "n/a")
    said = any(sku in answered or sku in lines for sku in skus)
    return Check(kind, requirement, "done" if said else "missing")


def _addons(skus: list[str], answered: Mapping[str, bool], lines: Collection[str]) -> Check:
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


def by_requirement(checks: list[Check], skipped: Mapping[str, str]) -> dict[str, str]:
    """Each requirement the meter covers: "done", "skipped" (with a reason), "todo" or "n/a"."""
    out: dict[str, str] = {}
    rank = {"n/a": 0, "done": 1, "skipped": 2, "todo": 3}  # the worst check names the whole
    for check in checks:
        state = check.state
        if state == "missing":
            state = "skipped" if skipped.get(check.requirement) else "todo"
        if rank[state] >= rank[out.get(check.requirement, "n/a")]:
            out[check.requirement] = state
    return dict(sorted(out.items(), key=lambda item: int(item[0][1:])))


def shown_offers(offers: Offers | None) -> list[tuple[str, str]]:
    """(sku, kind) of every offer shown, as the log records them made (R12)."""
    if offers is None:
        return []
    return [
        (item.sku, item.kind)
        for item in (*offers.new, *offers.special, *offers.traditional, *offers.addons)
    ]
