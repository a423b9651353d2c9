"""Traditional products (R11, R13): this client's buying habits and its type's favourites."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.offers.history import AsOfStats, HistoryIndex

# An order this many days old counts half as much as one placed today: habits drift.
HALF_LIFE_DAYS = 180.0
POPULARITY_WEIGHT = 1.0


@dataclass(frozen=True)
class Habit:
    """How one client buys one product (product = dense position in the history index)."""

    product: int
    orders_with: int
    orders_total: int
    score: float
    usual_qty: float
    last_day: int


@dataclass(frozen=True)
class Favourite:
    """A product popular with clients of one type: share = part of them that bought it."""

    product: int
    share: float


@dataclass(frozen=True)
class Habits:
    """A client's strongest habits, best first, and every product it ever bought."""

    ranked: list[Habit]
    bought: np.ndarray

    @classmethod
    def none(cls) -> Habits:
        """A client without history."""
        return cls([], np.zeros(0, dtype=np.int64))


def client_habits(
    index: HistoryIndex,
    *,
    client_id: int,
    before: int,
    limit: int,
    half_life_days: float = HALF_LIFE_DAYS,
) -> Habits:
    """This client's `limit` strongest habits before day `before`, staples first."""
    order, day, product, qty = index.client_lines(client_id, before)
    if not len(order):
        return Habits.none()
    # Each line carries its order's recency weight; an order is weighed once in the total.
    line_weight = 0.5 ** ((before - day) / half_life_days)
    _, first_line = np.unique(order, return_index=True)
    total_weight = float(line_weight[first_line].sum())
    items, inv, counts = np.unique(product, return_inverse=True, return_counts=True)
    score = np.bincount(inv, weights=line_weight, minlength=len(items)) / total_weight
    # Among the client's items, those every client keeps buying are the likelier repeats.
    stats = index.stats(before)
    score += POPULARITY_WEIGHT * stats.order_count[items] / max(stats.orders_total, 1)
    last = np.zeros(len(items), dtype=np.int64)
    np.maximum.at(last, inv, day)
    usual = _group_medians(inv, qty, len(items))
    # Recency-weighted share of orders first, then plain count, then the latest bought.
    ranking = np.lexsort((-last, -counts, -score))[:limit]
    ranked = [
        Habit(
            product=int(items[i]),
            orders_with=int(counts[i]),
            orders_total=len(first_line),
            score=float(score[i]),
            usual_qty=float(usual[i]),
            last_day=int(last[i]),
        )
        for i in ranking
    ]
    return Habits(ranked=ranked, bought=items)


def _group_medians(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Median of `values` within each group 0..size-1 (every group non-empty)."""
    order = np.lexsort((values, groups))
    sorted_values = values[order]
    counts = np.bincount(groups, minlength=size)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (sorted_values[starts + (counts - 1) // 2] + sorted_values[starts + counts // 2]) / 2


def type_favourites(
    stats: AsOfStats, *, type_position: int, excluded: np.ndarray, limit: int
) -> list[Favourite]:
    """The products most clients of this type bought, skipping `excluded` (a product mask)."""
    if type_position < 0 or not stats.type_clients[type_position]:
        return []
    share = stats.type_buyers[type_position] / stats.type_clients[type_position]
    return _top(share, stats.type_rank[type_position], excluded, limit)


def popular_overall(stats: AsOfStats, *, excluded: np.ndarray, limit: int) -> list[Favourite]:
    """The products in most orders (share of all orders), skipping `excluded`."""
    if not stats.orders_total:
        return []
    return _top(stats.order_count / stats.orders_total, stats.overall_rank, excluded, limit)


def _top(share: np.ndarray, rank: np.ndarray, excluded: np.ndarray, limit: int) -> list[Favourite]:
    """The first `limit` products of `rank` (best first) not excluded and ever bought."""
    best = rank[~excluded[rank]][:limit]
    return [Favourite(product=int(p), share=float(share[p])) for p in best if share[p] > 0]
