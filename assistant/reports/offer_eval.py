"""How well the offers sell, measured on order history split at a cut date.

For each client with MIN_EARLIER orders before the cut and an order after it, the
next order is the truth: (a) the 5 traditional items against all its items; (b) its
repeat items are the draft, and the 4 add-ons against its items new to the client.
The desk's own OfferService is measured ("ours"), next to two baselines.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import delete, select

from assistant.catalog.models import Product
from assistant.clients.models import Client
from assistant.offers import OfferService
from assistant.offers.history import HistoryIndex
from assistant.offers.history_load import day_number
from assistant.orders.models import HistoryLine
from assistant.reports.eval_scratch import Scratch

MIN_EARLIER = 3
TRADITIONAL_K = 5
ADDON_K = 4
METHODS = ("ours", "popularity", "cooccurrence")


@dataclass
class Case:
    """One client: its type, what it bought before the cut and its next order."""

    client_id: int
    client_type: str
    bought: set[int]
    last_order: set[int]
    next_order: set[int]


@dataclass
class Scores:
    """Per-method lists of per-client figures."""

    values: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, method: str, **figures: float) -> None:
        for name, value in figures.items():
            self.values[method][name].append(value)

    def means(self, names: tuple[str, ...]) -> dict[str, dict[str, float]]:
        return {m: {n: round(_mean(self.values[m][n]), 4) for n in names} for m in METHODS}


def _mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def split_cases(scratch: Scratch, cut: date) -> tuple[list[Case], dict[int, str]]:
    """The clients to score and the SKUs by product id; history from the cut on is deleted."""
    query = select(
        HistoryLine.client_id, HistoryLine.order_date, HistoryLine.order_no, HistoryLine.product_id
    )
    with scratch.sessions() as session:
        types = {cid: kind for cid, kind in session.execute(select(Client.id, Client.type))}
        skus = {pid: sku for pid, sku in session.execute(select(Product.id, Product.sku))}
        orders: dict[int, dict[tuple[date, str], set[int]]] = defaultdict(lambda: defaultdict(set))
        for client, day, order_no, product in session.execute(query):
            orders[client][(day, order_no)].add(product)
    cases = []
    for client, by_order in orders.items():
        earlier = sorted(k for k in by_order if k[0] < cut)
        later = sorted(k for k in by_order if k[0] >= cut)
        if len(earlier) < MIN_EARLIER or not later:
            continue
        cases.append(
            Case(
                client_id=client,
                client_type=types.get(client, ""),
                bought=set().union(*(by_order[k] for k in earlier)),
                last_order=by_order[earlier[-1]],
                next_order=by_order[later[0]],
            )
        )
    # The model may only ever see the past: what follows the cut is gone from the database.
    with scratch.sessions.begin() as session:
        session.execute(delete(HistoryLine).where(HistoryLine.order_date >= cut))
    return sorted(cases, key=lambda c: c.client_id), skus


class Baselines:
    """Global popularity and raw co-occurrence, over the history before the cut."""

    def __init__(self, index: HistoryIndex, before: int) -> None:
        self.index, self.before = index, before
        stats = index.stats(before)
        self.popular = [int(index.product_ids[p]) for p in stats.overall_rank[:2000]]

    def popularity(self, k: int, excluded: set[int]) -> list[int]:
        return [p for p in self.popular if p not in excluded][:k]

    def cooccurrence(self, basket: set[int], k: int, excluded: set[int]) -> list[int]:
        """Products in most orders together with the basket's items (raw counts)."""
        index = self.index
        score = np.zeros(index.products)
        for item in index.dense(np.array(sorted(basket), dtype=np.int64)):
            if item >= 0:
                orders = index.orders_with(int(item), self.before, 10**9)
                score += np.bincount(index.products_of(orders), minlength=index.products)
        ranked = np.argsort(-score, kind="stable")
        found = [int(index.product_ids[p]) for p in ranked if score[p] > 0][: k + len(excluded)]
        return [p for p in found if p not in excluded][:k]


def evaluate(scratch: Scratch, cut: date) -> dict[str, Any]:
    """The figures of the issue's JSON shape, the desk's own OfferService as "ours"."""
    cases, skus = split_cases(scratch, cut)
    ids = {sku: pid for pid, sku in skus.items()}
    service = OfferService(session_factory=scratch.sessions)
    with scratch.sessions() as session:
        index = service.history(session)
    base = Baselines(index, day_number(cut))
    traditional, addons = Scores(), Scores()
    timings: list[float] = []
    addon_orders = 0
    for case in cases:
        start = time.perf_counter()
        offers = service.offers_for(
            client_id=case.client_id, client_type=case.client_type, price_column=None, as_of=cut
        )
        timings.append((time.perf_counter() - start) * 1000)
        suggested = {
            "ours": [ids[i.sku] for i in offers.traditional[:TRADITIONAL_K]],
            "popularity": base.popularity(TRADITIONAL_K, set()),
            "cooccurrence": base.cooccurrence(case.last_order, TRADITIONAL_K, set()),
        }
        for method, items in suggested.items():
            hits = len(case.next_order & set(items))
            traditional.add(
                method,
                **{"precision@5": hits / TRADITIONAL_K, "recall@5": hits / len(case.next_order)},
            )
        draft = case.next_order & case.bought
        new = case.next_order - case.bought
        if not draft or not new:
            continue
        addon_orders += 1
        start = time.perf_counter()
        offers = service.offers_for(
            client_id=case.client_id,
            client_type=case.client_type,
            price_column=None,
            draft_skus=sorted(skus[p] for p in draft),
            as_of=cut,
        )
        timings.append((time.perf_counter() - start) * 1000)
        # The baselines, as measured elsewhere, skip the draft and the client's history.
        suggested = {
            "ours": [ids[i.sku] for i in offers.addons[:ADDON_K]],
            "popularity": base.popularity(ADDON_K, case.bought),
            "cooccurrence": base.cooccurrence(draft, ADDON_K, case.bought),
        }
        for method, items in suggested.items():
            hits = len(new & set(items))
            addons.add(method, **{"hit@4": float(hits > 0), "precision@4": hits / ADDON_K})
    return {
        "clients": len(cases),
        "traditional": traditional.means(("precision@5", "recall@5")),
        "addons": {"orders": addon_orders, **addons.means(("hit@4", "precision@4"))},
        "ms_per_client": round(statistics.median(timings), 3) if timings else 0.0,
    }
