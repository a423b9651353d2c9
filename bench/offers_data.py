"""Offers benchmark data: the UCI Online Retail history, a synthetic one, into SQLite."""

from __future__ import annotations

import csv
import gzip
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert
from sqlalchemy.engine import Engine

import assistant.models  # noqa: F401 - every table registered for create_all
from assistant.catalog.models import Product
from assistant.clients.models import Client
from assistant.db import Base, make_engine
from assistant.orders.models import HistoryLine
from assistant.text import fold

BATCH = 50_000


@dataclass(frozen=True)
class Line:
    """One history line of the benchmark data."""

    order_no: str
    client_id: int
    day: date
    product_id: int
    qty: float


def fresh_engine(name: str) -> Engine:
    """A new SQLite database in /tmp with every table of the desk."""
    path = Path(tempfile.mkdtemp(prefix="bench-offers-")) / f"{name}.db"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    return engine


def drop(engine: Engine) -> None:
    """Close and delete a database made by fresh_engine."""
    engine.dispose()
    if engine.url.database:
        shutil.rmtree(Path(engine.url.database).parent, ignore_errors=True)


def insert_rows(engine: Engine, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Plain Core inserts in batches."""
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                batch = []
        if batch:
            conn.execute(insert(table), batch)


def read_retail(path: Path) -> tuple[dict[str, str], dict[int, str], list[Line], dict[str, int]]:
    """Products, clients (type = country), and lines, cancellations and guests skipped."""
    names: dict[str, str] = {}
    countries: dict[int, str] = {}
    qty: dict[tuple[str, str], float] = defaultdict(float)
    meta: dict[str, tuple[int, date]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            invoice, sku, customer = row["InvoiceNo"], row["StockCode"], row["CustomerID"]
            # Cancellations, guest sales and non-goods (postage, fees: codes without digits).
            if invoice.startswith("C") or not customer or not sku[:1].isdigit():
                continue
            amount = float(row["Quantity"])
            if amount <= 0:
                continue
            client = int(float(customer))
            names.setdefault(sku, row["Description"].strip() or sku)
            countries[client] = row["Country"]
            meta[invoice] = (client, datetime.fromisoformat(row["InvoiceDate"]).date())
            qty[(invoice, sku)] += amount
    ids = {sku: n for n, sku in enumerate(sorted(names), start=1)}
    lines = [
        Line(inv, meta[inv][0], meta[inv][1], ids[sku], amount)
        for (inv, sku), amount in qty.items()
    ]
    return names, countries, lines, ids


def store(
    engine: Engine,
    names: dict[str, str],
    ids: dict[str, int],
    types: dict[int, str],
    lines: list[Line],
) -> None:
    """Products, clients and history into the database."""
    insert_rows(
        engine,
        Product.__table__,
        (
            {
                "id": pid,
                "sku": sku,
                "name": names[sku],
                "search_name": fold(names[sku]),
                "category": "goods",
                "unit": "pc",
                "active": True,
            }
            for sku, pid in ids.items()
        ),
    )
    insert_rows(
        engine,
        Client.__table__,
        (
            {
                "id": cid,
                "code": f"K{cid}",
                "name": f"Client {cid}",
                "search_name": f"client {cid}",
                "type": kind,
                "regional": False,
                "created_at": datetime(2010, 1, 1),
            }
            for cid, kind in types.items()
        ),
    )
    insert_rows(
        engine,
        HistoryLine.__table__,
        (
            {
                "order_no": ln.order_no,
                "client_id": ln.client_id,
                "order_date": ln.day,
                "product_id": ln.product_id,
                "qty": ln.qty,
                "price": 1.0,
            }
            for ln in lines
        ),
    )


def synthetic_lines(
    *, clients: int, products: int, lines: int, types: list[str], seed: int
) -> tuple[dict[int, str], list[Line]]:
    """A history where each client has habits drawn from its type's taste (numpy, fast)."""
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, len(types), clients)
    rank = 1.0 / np.arange(1, products + 1) ** 0.9
    taste = [rng.permutation(rank / rank.sum()) for _ in types]
    staples = np.empty((clients, 12), dtype=np.int64)
    for t in range(len(types)):
        who = np.flatnonzero(kind == t)
        staples[who] = rng.choice(products, size=(len(who), 12), p=taste[t])
    orders = clients * 5
    order_client = rng.integers(0, clients, orders)
    order_day = rng.integers(0, 540, orders)
    # Generous: lines repeated within an order are dropped, then the rest is cut to `lines`.
    size = rng.poisson(lines / orders * 1.3 - 1, orders) + 1
    line_order = np.repeat(np.arange(orders), size)
    own = staples[order_client[line_order], rng.integers(0, 12, len(line_order))]
    other = rng.choice(products, size=len(line_order), p=taste[0])
    product = np.where(rng.random(len(line_order)) < 0.75, own, other)
    pair = np.unique(line_order * products + product)[:lines]
    line_order, product = pair // products, pair % products
    start = date.today() - timedelta(days=541)
    out = [
        Line(
            f"S{o}",
            int(order_client[o]) + 1,
            start + timedelta(days=int(order_day[o])),
            int(p) + 1,
            float(1 + o % 7),
        )
        for o, p in zip(line_order.tolist(), product.tolist(), strict=True)
    ]
    return {c + 1: types[int(kind[c])] for c in range(clients)}, out
