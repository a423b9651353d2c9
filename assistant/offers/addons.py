"""Add-ons (R12): what goes with the basket, by item-to-item co-occurrence, and what is rising.

The item-to-item table is built once per history (in the background at start-up) and
keeps each product's strongest neighbours, so one call only reads a few short rows.
Parameters were tuned on Online Retail split at 2011-07-01 (history before 2011-09-01
only), then measured once at 2011-09-01: docs/architecture.md, "Offers: how add-ons
are ranked".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from assistant.offers.history import HistoryIndex

# An order this many days older counts half as much: baskets follow the season.
ORDER_HALF_LIFE_DAYS = 30.0
# Co-occurrences needed before an association counts as signal rather than chance.
MIN_SUPPORT = 2
# sim(i, j) = c_ij / (n_i^(1-a) * n_j^a): a = 0 ranks by raw co-occurrence (popular items
# always win), a = 1 is lift (rare items win); 0.5 is the cosine, best on the tuning split.
POPULARITY_DAMPING = 0.5
NEIGHBOURS_KEPT = 200  # per product: the rest never reaches the top of any basket
# "Rising": orders of the last weeks (this half-life) against all orders of the product;
# SMOOTHING keeps a product sold once last week from looking like a trend.
TREND_HALF_LIFE_DAYS = 14.0
TREND_SMOOTHING = 5.0
TREND_WEIGHT = 0.3  # against the basket's strongest association (1.0)
_KEPT = 64  # candidates returned: enough to survive stock and activity filters
_BLOCK = 256  # products whose neighbours are counted at once: bounds the memory


@dataclass(frozen=True)
class Association:
    """A product suggested for the basket; because_of is the basket item that pulls it
    most, None when it is suggested because it sells more than usual lately."""

    product: int
    score: float
    because_of: int | None


@dataclass(frozen=True)
class BasketModel:
    """Each product's strongest neighbours (CSR rows) and every product's rise (0..1)."""

    indptr: np.ndarray
    neighbour: np.ndarray
    similarity: np.ndarray
    trend: np.ndarray


def basket_model(index: HistoryIndex, before: int) -> BasketModel:
    """The model over orders before day `before`, cached with the index."""
    return index.memo("basket", before, lambda: _build(index, before))


def associations(
    index: HistoryIndex,
    *,
    basket: Mapping[int, float],
    before: int,
    excluded: np.ndarray,
) -> list[Association]:
    """Products associated with the weighted `basket` (dense positions), best first."""
    model = basket_model(index, before)
    items = [item for item in basket if model.indptr[item + 1] > model.indptr[item]]
    spans = [np.arange(model.indptr[item], model.indptr[item + 1]) for item in items]
    if not spans:
        return []  # no basket to go by: the client's type and everyone's favourites lead
    entries = np.concatenate(spans)
    neighbour = model.neighbour[entries]
    weight = np.repeat([basket[item] for item in items], [len(s) for s in spans])
    pull = weight * model.similarity[entries]
    pulled = np.bincount(neighbour, weights=pull, minlength=index.products)
    score = pulled / pulled.max() + TREND_WEIGHT * model.trend
    score[list(basket)] = 0.0  # already in the basket
    candidates = np.flatnonzero((score > 0) & ~excluded)
    if len(candidates) > _KEPT:
        candidates = candidates[np.argpartition(-score[candidates], _KEPT)[:_KEPT]]
    ranked = candidates[np.argsort(-score[candidates], kind="stable")]
    # The basket item that pulls each candidate most: its strongest entry.
    source = np.repeat(np.arange(len(items)), [len(s) for s in spans])
    shown = np.flatnonzero(np.isin(neighbour, ranked))
    strongest = shown[np.lexsort((-pull[shown], neighbour[shown]))]
    first = strongest[np.diff(neighbour[strongest], prepend=-1) != 0]
    because = dict(zip(neighbour[first].tolist(), source[first].tolist(), strict=True))
    return [
        Association(
            product=int(p),
            score=float(score[p]),
            because_of=items[because[int(p)]] if int(p) in because else None,
        )
        for p in ranked
    ]


def _build(index: HistoryIndex, before: int) -> BasketModel:
    """Recency-weighted cosine co-occurrence over orders before `before`, top rows kept."""
    products = index.products
    order, product = index.order_products(before)
    # Weights relative to the newest day: the cosine and the scaled trend do not change.
    days = index.order_day[order]
    age = (days.max(initial=0) - days).astype(np.float64)
    weight = 0.5 ** (age / ORDER_HALF_LIFE_DAYS)
    n = np.bincount(product, weights=weight, minlength=products)
    per_order = np.bincount(order, minlength=len(index.order_day))
    starts = np.concatenate([[0], np.cumsum(per_order)[:-1]])
    by_product = np.argsort(product, kind="stable")
    p_indptr = np.concatenate([[0], np.cumsum(np.bincount(product, minlength=products))])
    nn = np.maximum(n, 1e-12)
    counts, neighbours, sims = [], [], []
    for lo in range(0, products, _BLOCK):
        hi = min(lo + _BLOCK, products)
        lines = by_product[p_indptr[lo] : p_indptr[hi]]
        src, o = product[lines] - lo, order[lines]
        lens = per_order[o]
        # Every (source product, other product in the same order) pair of the block.
        first = np.repeat(starts[o] - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        keys = np.repeat(src, lens) * products + product[first]
        size = (hi - lo) * products
        co = np.bincount(keys, weights=weight[first], minlength=size).reshape(hi - lo, products)
        seen = np.bincount(keys, minlength=size).reshape(hi - lo, products)
        co[seen < MIN_SUPPORT] = 0.0
        co[np.arange(hi - lo), np.arange(lo, hi)] = 0.0
        sim = co / (nn[lo:hi, None] ** (1 - POPULARITY_DAMPING) * nn[None, :] ** POPULARITY_DAMPING)
        kept = min(NEIGHBOURS_KEPT, products)
        top = np.argsort(-sim, axis=1, kind="stable")[:, :kept]
        best = np.take_along_axis(sim, top, axis=1)
        positive = best > 0
        counts.append(positive.sum(axis=1))
        neighbours.append(top[positive])
        sims.append(best[positive])
    recent = np.bincount(product, weights=0.5 ** (age / TREND_HALF_LIFE_DAYS), minlength=products)
    trend = recent / (np.bincount(product, minlength=products) + TREND_SMOOTHING)
    row_sizes = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    return BasketModel(
        indptr=np.concatenate([[0], np.cumsum(row_sizes)]).astype(np.int64),
        neighbour=np.concatenate(neighbours) if neighbours else np.zeros(0, dtype=np.int64),
        similarity=np.concatenate(sims) if sims else np.zeros(0),
        trend=trend / trend.max() if len(trend) and trend.max() > 0 else trend,
    )
