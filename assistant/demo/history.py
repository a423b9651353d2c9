"""Eighteen months of orders in which every client keeps its own habits."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from assistant.demo.catalog import Catalog
from assistant.demo.clients import ClientPlan
from assistant.demo.profiles import PROFILES, habit_of

Row = dict[str, Any]
# Share of a client's staples taken from what its kind of business lives on; the rest
# follows its category tastes. Shared staples make "similar baskets" meaningful.
CORE_SHARE = 0.6
OCCASIONAL_ANY = 0.15  # occasional picks from anywhere in the assortment
QTY_WOBBLE = (-1, 0, 0, 0, 0, 1)  # packs more or less than usual
# Thinning a big company's history to its target: the share (in log terms) taken by
# ordering less often, and the slowest rhythm allowed (R23 calls 90 days asleep).
FREQUENCY_SHARE = 0.75
MAX_INTERVAL = 60.0


@dataclass(frozen=True)
class Line:
    """A product a client buys, with its usual quantity in packs and how often."""

    product: int  # index in the catalog
    packs: int
    minimum: int  # packs: the product's minimum order
    chance: float  # of appearing in an order


@dataclass(frozen=True)
class Habit:
    """How one client orders."""

    client: ClientPlan
    column: int
    interval: float  # days between orders
    staples: tuple[Line, ...]
    occasional: tuple[Line, ...]

    def expected_lines(self) -> float:
        """Lines this client will order over its lifetime, on average."""
        orders = (self.client.stop - self.client.start).days / self.interval
        return orders * sum(line.chance for line in (*self.staples, *self.occasional))


@dataclass
class HistoryStats:
    """Counts of what was generated, filled while the rows stream out."""

    lines: int = 0
    orders: int = 0


class _Picker:
    """Draws products by a profile's tastes, with candidate lists computed once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        keys = sorted(set(catalog.category))
        self.staple_ok = {k: catalog.staple_candidates(k) for k in keys}
        self.any_in = {k: [i for i, c in enumerate(catalog.category) if c == k] for k in keys}
        self._core: dict[str, list[int]] = {}

    def core(self, profile: str) -> list[int]:
        """Products the profile's businesses typically live on."""
        if profile not in self._core:
            prefixes = PROFILES[profile].core
            self._core[profile] = [
                i
                for i, name in enumerate(self.catalog.folded)
                if self.catalog.staple_ok[i] and name.startswith(prefixes)
            ]
        return self._core[profile]

    def by_taste(self, rng: random.Random, profile: str, *, staple: bool) -> int:
        weights = PROFILES[profile].categories
        key = rng.choices(list(weights), list(weights.values()))[0]
        pool = (self.staple_ok if staple else self.any_in).get(key) or range(len(self.catalog.rows))
        return rng.choice(pool)


def build_habits(rng: random.Random, plans: list[ClientPlan], catalog: Catalog) -> list[Habit]:
    """Staples, occasional products and an order rhythm for every client."""
    picker = _Picker(catalog)
    return [_habit(rng, plan, catalog, picker) for plan in plans]


def _habit(rng: random.Random, plan: ClientPlan, catalog: Catalog, picker: _Picker) -> Habit:
    habit = habit_of(plan.type)
    wanted = rng.randint(*habit.staples)
    core = picker.core(plan.profile)
    chosen = rng.sample(core, min(len(core), round(wanted * CORE_SHARE)))
    _fill(chosen, wanted, lambda: picker.by_taste(rng, plan.profile, staple=True))
    extra: list[int] = list(chosen)
    _fill(extra, wanted + rng.randint(*habit.occasional), lambda: _occasional(rng, plan, picker))
    # The first staple is the one the client hardly ever orders without.
    chances = [rng.uniform(0.85, 0.95)] + [rng.uniform(0.55, 0.9) for _ in chosen[1:]]
    staples = [_line(rng, catalog, i, habit.packs, c) for i, c in zip(chosen, chances, strict=True)]
    occasional = [
        _line(rng, catalog, i, habit.packs, rng.uniform(0.03, 0.15)) for i in extra[len(chosen) :]
    ]
    return Habit(
        client=plan,
        column=catalog.columns.index(plan.column),
        interval=rng.uniform(*habit.interval_days),
        staples=tuple(staples),
        occasional=tuple(occasional),
    )


def _fill(chosen: list[int], wanted: int, draw: Callable[[], int]) -> None:
    """Add distinct draws until `wanted`; gives up quietly on a too small assortment."""
    seen = set(chosen)
    for _ in range(wanted * 20):
        if len(chosen) >= wanted:
            return
        product = draw()
        if product not in seen:
            seen.add(product)
            chosen.append(product)


def _occasional(rng: random.Random, plan: ClientPlan, picker: _Picker) -> int:
    if rng.random() < OCCASIONAL_ANY:
        return rng.randrange(len(picker.catalog.rows))
    return picker.by_taste(rng, plan.profile, staple=False)


def _line(
    rng: random.Random, catalog: Catalog, product: int, packs: tuple[int, int], chance: float
) -> Line:
    """A product with its usual quantity in packs, never below its minimum order."""
    minimum = max(1, math.ceil(catalog.min_qty[product] / catalog.pack[product]))
    return Line(product, max(rng.randint(*packs), minimum), minimum, chance)


def thin(habits: list[Habit], target: int | None) -> list[Habit]:
    """Scale habits so the history has about `target` lines (None: as they come).

    Clients first order less often, but never less than every MAX_INTERVAL days (or a
    thinned client would look asleep); then baskets shrink to meet the target, keeping
    each client's top staples.
    """
    expected = sum(h.expected_lines() for h in habits)
    if target is None or expected <= target:
        return habits
    stretch = (expected / target) ** FREQUENCY_SHARE
    slower = [
        replace(h, interval=max(h.interval, min(h.interval * stretch, MAX_INTERVAL)))
        for h in habits
    ]
    basket = min(1.0, target / sum(h.expected_lines() for h in slower))
    return [
        replace(
            h,
            staples=h.staples[: max(2, round(len(h.staples) * basket))],
            occasional=h.occasional[: round(len(h.occasional) * basket)],
        )
        for h in slower
    ]


def history_rows(
    rng: random.Random, habits: list[Habit], catalog: Catalog, stats: HistoryStats
) -> Iterator[Row]:
    """Order history lines, client by client; `stats` counts them as they go."""
    for habit in habits:
        for day in _order_days(rng, habit):
            basket = _basket(rng, habit, catalog, day)
            if not basket:
                continue
            stats.orders += 1
            order_no = f"H-{stats.orders:06d}"
            for product, qty in basket:
                stats.lines += 1
                yield {
                    "id": stats.lines,
                    "order_no": order_no,
                    "client_id": habit.client.id,
                    "order_date": day,
                    "product_id": product + 1,
                    "qty": qty,
                    "price": catalog.prices[habit.column][product],
                }


def _order_days(rng: random.Random, habit: Habit) -> Iterator[date]:
    """Order dates in the client's rhythm, a little irregular, never on a Sunday."""
    day = habit.client.start + timedelta(days=rng.randint(0, int(habit.interval)))
    while day <= habit.client.stop:
        if day.weekday() == 6:
            day += timedelta(days=1)
            continue
        yield day
        day += timedelta(days=max(1, round(habit.interval * rng.uniform(0.75, 1.25))))


def _basket(
    rng: random.Random, habit: Habit, catalog: Catalog, day: date
) -> list[tuple[int, float]]:
    """The lines of one order: most staples, now and then something else."""
    lines = [
        (line.product, catalog.pack[line.product] * _wobble(rng, line))
        for line in habit.staples
        if rng.random() < line.chance
    ]
    lines += [
        (line.product, catalog.pack[line.product] * _wobble(rng, line))
        for line in habit.occasional
        if rng.random() < line.chance
        and catalog.sold_from[line.product] <= day <= catalog.sold_to[line.product]
    ]
    if not lines and habit.staples:
        top = habit.staples[0]
        lines.append((top.product, catalog.pack[top.product] * top.packs))
    return lines


def _wobble(rng: random.Random, line: Line) -> int:
    return max(line.minimum, line.packs + rng.choice(QTY_WOBBLE))
