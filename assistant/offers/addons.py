"""Add-ons (R12): what clients with similar baskets buy, by item-to-item co-occurrence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from assistant.offers.history import AsOfStats, HistoryIndex

# The latest orders read per basket item: bounds the work of one call on staples
# that sit in a large share of all orders, and keeps associations current.
MAX_ORDERS_PER_ITEM = 4000
# Co-occurrences needed before an association counts as signal rather than chance.
MIN_SUPPORT = 2
# sim(i, j) = c_ij / (n_i^(1-a) * n_j^a): a = 0 ranks by raw co-occurrence (popular items
# always win), a = 1 is lift (rare items win); 0.5 is the cosine, the usual middle.
POPULARITY_DAMPING = 0.5
_KEPT = 64  # candidates returned: enough to survive stock and activity filters


@dataclass(frozen=True)
class Association:
    """A product suggested by the basket; because_of is the basket item that pulls it most."""

    product: int
    score: float
    because_of: int


def associations(
    index: HistoryIndex,
    stats: AsOfStats,
    *,
    basket: Mapping[int, float],
    before: int,
    excluded: np.ndarray,
    damping: float = POPULARITY_DAMPING,
) -> list[Association]:
    """Products associated with the weighted `basket` (dense positions), best first."""
    sims: list[np.ndarray] = []
    support = np.zeros(index.products)
    sources: list[int] = []
    for item, weight in basket.items():
        orders = index.orders_with(item, before, MAX_ORDERS_PER_ITEM)
        if not len(orders):
            continue
        together = np.bincount(index.products_of(orders), minlength=index.products)
        together[item] = 0
        support += together
        sims.append(weight * _similarity(together, len(orders), stats, item, damping))
        sources.append(item)
    if not sims:
        return []
    matrix = np.vstack(sims)
    score = matrix.sum(axis=0)
    candidates = np.flatnonzero((support >= MIN_SUPPORT) & (score > 0) & ~excluded)
    ranked = candidates[np.argsort(-score[candidates], kind="stable")[:_KEPT]]
    strongest = np.argmax(matrix[:, ranked], axis=0)
    return [
        Association(product=int(p), score=float(score[p]), because_of=sources[int(s)])
        for p, s in zip(ranked, strongest, strict=True)
    ]


def _similarity(
    together: np.ndarray, sampled: int, stats: AsOfStats, item: int, damping: float
) -> np.ndarray:
    """Normalised co-occurrence of `item` with every product."""
    n_item = max(int(stats.order_count[item]), sampled)
    # The sample covers `sampled` of the item's orders: scale its counts to all of them.
    co = together * (n_item / sampled)
    n_other = np.maximum(stats.order_count, 1).astype(np.float64)
    return co / (n_item ** (1.0 - damping) * n_other**damping)
