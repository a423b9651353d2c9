"""Order history held in memory as numpy arrays: the basis of traditional and add-on offers.

Loaded once (history_load.py) and indexed three ways (by product, by order, by
client), each sorted by date, so that "as of" a date is a cheap prefix or mask.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np

from assistant.offers.history_load import HistoryColumns

T = TypeVar("T")
_STATS_KEPT = 8  # as-of dates whose statistics stay cached (today, a few evaluations)
_MODELS_KEPT = 2  # as-of dates whose derived models stay cached (each may take megabytes)


def _indptr(groups: np.ndarray, size: int) -> np.ndarray:
    """CSR row pointers for lines already sorted by `groups` (dense 0..size-1)."""
    return np.concatenate([[0], np.cumsum(np.bincount(groups, minlength=size))]).astype(np.int64)


@dataclass(frozen=True)
class AsOfStats:
    """Counts over the history strictly before one date."""

    order_count: np.ndarray  # per product: orders containing it
    type_buyers: np.ndarray  # [type, product]: clients of the type that bought it
    type_clients: np.ndarray  # per type: clients with any order
    orders_total: int
    # Products from most to least bought, so "the top n not excluded" is one mask per call.
    overall_rank: np.ndarray
    type_rank: np.ndarray  # [type, product]


class HistoryIndex:
    """History indexed by product, by order and by client, each sorted by date."""

    def __init__(self, cols: HistoryColumns, client_types: Mapping[int, str]) -> None:
        self.max_id = cols.max_id
        self.columns = cols
        self.lines = len(cols.client)
        self.product_ids, prod = np.unique(cols.product, return_inverse=True)
        self.products = len(self.product_ids)
        self.line_product, self.line_day = prod, cols.day
        orders = int(cols.order.max()) + 1 if len(cols.order) else 0
        self.order_day = np.zeros(orders, dtype=np.int64)
        self.order_day[cols.order] = cols.day
        self._index_products(cols, prod)
        self._index_orders(cols, prod, orders)
        self._index_clients(cols, prod, client_types)
        # Any day after the newest line sees the same history: one key for them all.
        self.last_day = int(cols.day.max()) if len(cols.day) else 0
        self._stats: dict[int, AsOfStats] = {}
        self._models: dict[tuple[str, int], Any] = {}
        self._lock = threading.Lock()

    def _index_products(self, cols: HistoryColumns, prod: np.ndarray) -> None:
        perm = np.lexsort((cols.day, prod))
        self.p_indptr = _indptr(prod[perm], self.products)
        self.p_order, self.p_day = cols.order[perm], cols.day[perm]

    def _index_orders(self, cols: HistoryColumns, prod: np.ndarray, orders: int) -> None:
        perm = np.argsort(cols.order, kind="stable")
        self.o_indptr = _indptr(cols.order[perm], orders)
        self.o_product = prod[perm]

    def _index_clients(
        self, cols: HistoryColumns, prod: np.ndarray, client_types: Mapping[int, str]
    ) -> None:
        self.client_ids, cl = np.unique(cols.client, return_inverse=True)
        perm = np.lexsort((cols.day, cl))
        self.c_indptr = _indptr(cl[perm], len(self.client_ids))
        self.c_order, self.c_day = cols.order[perm], cols.day[perm]
        self.c_product, self.c_qty = prod[perm], cols.qty[perm]
        self.type_names = sorted(set(client_types.values()))
        position = {name: i for i, name in enumerate(self.type_names)}
        self.client_type = np.array(
            [position.get(client_types.get(int(c), ""), -1) for c in self.client_ids],
            dtype=np.int64,
        )
        self.client_first_day = self.c_day[self.c_indptr[:-1]]
        # The day each client first bought each product: type popularity as of any date.
        pair = cl.astype(np.int64) * max(self.products, 1) + prod
        order = np.lexsort((cols.day, pair))
        pair, day = pair[order], cols.day[order]
        first = np.concatenate([[True], pair[1:] != pair[:-1]]) if len(pair) else pair.astype(bool)
        self.pair_client = pair[first] // max(self.products, 1)
        self.pair_product = pair[first] % max(self.products, 1)
        self.pair_day = day[first]

    def dense(self, product_ids: np.ndarray) -> np.ndarray:
        """Dense positions of product ids; -1 for products never bought."""
        if not self.products:
            return np.full(len(product_ids), -1, dtype=np.int64)
        pos = np.clip(np.searchsorted(self.product_ids, product_ids), 0, self.products - 1)
        return np.where(self.product_ids[pos] == product_ids, pos, -1)

    def type_position(self, client_type: str | None) -> int:
        """Position of a client type in the statistics, -1 if no client has it."""
        try:
            return self.type_names.index(client_type or "")
        except ValueError:
            return -1

    def client_lines(
        self, client_id: int, before: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(order, day, product, qty) of one client's lines before day `before`."""
        pos = int(np.searchsorted(self.client_ids, client_id))
        if pos >= len(self.client_ids) or self.client_ids[pos] != client_id:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, np.zeros(0)
        lo, hi = int(self.c_indptr[pos]), int(self.c_indptr[pos + 1])
        hi = lo + int(np.searchsorted(self.c_day[lo:hi], before))
        sl = slice(lo, hi)
        return self.c_order[sl], self.c_day[sl], self.c_product[sl], self.c_qty[sl]

    def orders_with(self, product: int, before: int, limit: int) -> np.ndarray:
        """The latest `limit` orders before day `before` that contain `product`."""
        lo, hi = int(self.p_indptr[product]), int(self.p_indptr[product + 1])
        cut = lo + int(np.searchsorted(self.p_day[lo:hi], before))
        return self.p_order[max(lo, cut - limit) : cut]

    def products_of(self, orders: np.ndarray) -> np.ndarray:
        """Every product line of `orders`, concatenated."""
        starts = self.o_indptr[orders]
        lens = self.o_indptr[orders + 1] - starts
        total = int(lens.sum())
        shift = np.repeat(starts - (np.cumsum(lens) - lens), lens)
        return self.o_product[shift + np.arange(total)]

    def as_of_key(self, before: int) -> int:
        """`before`, or the day after the newest line when later (the same history)."""
        return min(before, self.last_day + 1)

    def memo(self, kind: str, before: int, build: Callable[[], T]) -> T:
        """What `build` derives from history before `before`, built once per history and day."""
        key = (kind, self.as_of_key(before))
        with self._lock:
            cached = self._models.get(key)
        if cached is not None:
            return cast(T, cached)
        built = build()
        with self._lock:
            if len(self._models) >= _MODELS_KEPT:
                self._models.pop(next(iter(self._models)))
            self._models[key] = built
        return built

    def order_products(self, before: int) -> tuple[np.ndarray, np.ndarray]:
        """(order, product) of every order before day `before`, each pair once, by order."""
        width = max(self.products, 1)
        # Sort and drop repeats: np.unique would hash, several times slower on millions.
        pairs = np.sort(self.columns.order * width + self.line_product)
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
        order, product = pairs // width, pairs % width
        kept = self.order_day[order] < before
        return order[kept], product[kept]

    def stats(self, before: int) -> AsOfStats:
        """Counts over history before day `before`, cached per date."""
        before = self.as_of_key(before)
        with self._lock:
            cached = self._stats.get(before)
        if cached is not None:
            return cached
        computed = self._compute_stats(before)
        with self._lock:
            if len(self._stats) >= _STATS_KEPT:
                self._stats.pop(next(iter(self._stats)))
            self._stats[before] = computed
        return computed

    def _compute_stats(self, before: int) -> AsOfStats:
        width, types = max(self.products, 1), len(self.type_names)
        order_count = np.bincount(
            self.line_product[self.line_day < before], minlength=self.products
        )
        seen = self.pair_day < before
        kind = self.client_type[self.pair_client[seen]]
        known = kind >= 0
        buyers = np.bincount(
            kind[known] * width + self.pair_product[seen][known], minlength=types * width
        ).reshape(types, width)
        kinds = self.client_type[self.client_first_day < before]
        clients = np.bincount(kinds[kinds >= 0], minlength=types)
        return AsOfStats(
            order_count=order_count,
            type_buyers=buyers,
            type_clients=clients,
            orders_total=int(np.count_nonzero(self.order_day < before)),
            overall_rank=np.argsort(-order_count, kind="stable"),
            type_rank=np.argsort(-buyers, axis=1, kind="stable"),
        )
