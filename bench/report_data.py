"""A year of desk work on top of the large demo: 100,000 calls and what came of them.

Made once into a copy of the cached large demo (data/bench/report-large-7.db), with
Core bulk inserts, so the `report` bench measures the figures, not the set-up.
"""

from __future__ import annotations

import random
import shutil
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from assistant.auth.models import AuditEntry
from assistant.calls.models import OFFER_KINDS, Call, OfferMade
from assistant.catalog.models import Product
from assistant.clients.models import Client, Department, Manager
from assistant.db import make_engine, migrate
from assistant.feedback.models import FeedbackItem
from assistant.orders.models import Order, OrderLine
from assistant.outbound.models import CallbackRequest, CallTask, TaskClient
from bench.common import BENCH_DATA, demo_database

CALLS = 100_000
FIRST_DAY = date(2025, 12, 1)
DAYS = 365
OPERATORS = [f"operator{i:02d}" for i in range(20)]
REASONS = ["client in a hurry", "client refused", "no time", "already known", "line was bad"]
TRANSFERS = ["Key client: to the KAM.", "Credit blocked: to finance.", "A new client: to the head."]
BATCH = 20_000


def report_database() -> str:
    """URL of the demo copy with the year of calls; made once, then reused."""
    path: Path = BENCH_DATA / "report-large-7.db"
    url = f"sqlite:///{path}"
    if path.exists():
        engine = make_engine(url)
        migrate(engine)
        _indexes(engine)
        engine.dispose()
        print(f"(using the report data at {path}; delete it to rebuild)")
        return url
    demo = demo_database("large")
    partial = path.with_suffix(".partial.db")
    shutil.copyfile(demo.removeprefix("sqlite:///"), partial)
    start = time.perf_counter()
    engine = make_engine(f"sqlite:///{partial}")
    with engine.begin() as conn:
        counts = _fill(conn, random.Random(26))
    _indexes(engine)
    engine.dispose()
    partial.rename(path)
    print(f"report data made in {time.perf_counter() - start:.1f} s: {counts}")
    return url


def _indexes(engine: Engine) -> None:
    """The reports' indexes, on a demo cached before migration 0007 gained them."""
    for model in (Call, OfferMade, Order):
        for index in model.__table__.indexes:  # type: ignore[attr-defined]
            index.create(engine, checkfirst=True)


def _when(rng: random.Random) -> datetime:
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    return datetime.combine(day, datetime.min.time()) + timedelta(
        minutes=rng.randrange(7 * 60, 17 * 60)
    )


def _bulk(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), BATCH):
        conn.execute(insert(table), rows[i : i + BATCH])


def _fill(conn: Connection, rng: random.Random) -> dict[str, int]:
    clients = [tuple(r) for r in conn.execute(select(Client.id, Client.code))]
    products = [tuple(r) for r in conn.execute(select(Product.id, Product.sku).limit(2000))]
    managers = list(conn.scalars(select(Manager.id)))
    departments = list(conn.scalars(select(Department.id)))
    first_call = int(conn.scalar(select(Call.id).order_by(Call.id.desc()).limit(1)) or 0) + 1
    calls: list[dict[str, Any]] = []
    offers: list[dict[str, Any]] = []
    orders: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    refusals: list[dict[str, Any]] = []
    for n in range(CALLS):
        call_id, at, op = first_call + n, _when(rng), rng.choice(OPERATORS)
        client_id, code = rng.choice(clients)
        transferred = rng.random() < 0.1
        skipped = (
            {f"R{rng.choice([11, 12, 13, 14, 15])}": rng.choice(REASONS)}
            if rng.random() < 0.3
            else None
        )
        outcome = "transferred" if transferred else "order_placed"
        calls.append({"id": call_id, "operator": op, "client_id": client_id, "started_at": at,
                      "skipped": skipped, "outcome": outcome,
                      "transferred_to_id": rng.choice(managers) if transferred else None,
                      "transfer_reason": rng.choice(TRANSFERS) if transferred else None,
                      "direction": "incoming", "purpose": "order"})  # fmt: skip
        for _ in range(rng.randrange(4)):
            pid, sku = rng.choice(products)
            offers.append({"call_id": call_id, "product_id": pid, "sku": sku, "at": at,
                           "kind": rng.choice(OFFER_KINDS),
                           "accepted": rng.choice([True, False, None])})  # fmt: skip
        if not transferred and rng.random() < 0.4:
            order_id = len(orders) + 1
            orders.append({"id": order_id, "idempotency_key": f"bench-report-{n}",
                           "client_id": client_id, "call_id": call_id, "operator": op,
                           "status": "placed", "price_column": "C", "documents": [],
                           "total": round(rng.uniform(20, 900), 2), "delivery_date": at.date(),
                           "created_at": at, "updated_at": at})  # fmt: skip
            for _ in range(rng.randrange(1, 9)):
                pid, sku = rng.choice(products)
                lines.append({"order_id": order_id, "product_id": pid, "sku": sku, "name": sku,
                              "qty": 1, "unit_price": 1, "line_total": 1,
                              "discount_percent": 0})  # fmt: skip
        if rng.random() < 0.02:
            refusals.append({"at": at, "actor": op, "action": "order.place", "object": code,
                             "outcome": "refused_debt", "after": {"reason": "debt"}})  # fmt: skip
    _bulk(conn, Call.__table__, calls)
    _bulk(conn, OfferMade.__table__, offers)
    conn.execute(delete(Order).where(Order.idempotency_key.like("bench-report-%")))
    _renumber(conn, orders, lines)
    _bulk(conn, Order.__table__, orders)
    _bulk(conn, OrderLine.__table__, lines)
    _bulk(conn, AuditEntry.__table__, refusals)
    outbound = _outbound(conn, rng, clients, departments)
    return {"calls": len(calls), "offers": len(offers), "orders": len(orders),
            "order_lines": len(lines), "refusals": len(refusals), **outbound}  # fmt: skip


def _renumber(conn: Connection, orders: list[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
    """Order ids after those the demo (or an earlier bench) placed."""
    base = int(conn.scalar(select(Order.id).order_by(Order.id.desc()).limit(1)) or 0)
    for row in orders:
        row["id"] += base
    for row in lines:
        row["order_id"] += base


def _outbound(conn: Connection, rng: random.Random, clients: list, departments: list) -> dict:
    """Call-backs, a sleepers' task and feedback, a few thousand of each."""
    callbacks = []
    for n in range(5_000):
        at = _when(rng)
        answered = at + timedelta(minutes=rng.randrange(0, 240)) if rng.random() < 0.8 else None
        callbacks.append({"request_id": f"bench-{n}", "name": "Web", "phone": "+38591000000",
                          "window_from": at, "window_to": at + timedelta(hours=2),
                          "consent": True, "client_id": rng.choice(clients)[0],
                          "status": "done" if answered else "open", "attempts": 1,
                          "received_at": at - timedelta(hours=1),
                          "answered_at": answered})  # fmt: skip
    _bulk(conn, CallbackRequest.__table__, callbacks)
    task_id = conn.execute(
        insert(CallTask).values(title="Sleepers", purpose="reactivate",
                                          created_by="bench", operators=OPERATORS,
                                          status="open", created_at=datetime(2025, 12, 1))
    ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
    tasks = [{"task_id": task_id, "client_id": rng.choice(clients)[0], "status": "done",
              "operator": rng.choice(OPERATORS), "was_sleeping": True,
              "called_at": _when(rng)} for _ in range(5_000)]  # fmt: skip
    _bulk(conn, TaskClient.__table__, tasks)
    feedback = [{"department_id": rng.choice(departments), "text": "note",
                 "operator": rng.choice(OPERATORS), "client_id": rng.choice(clients)[0],
                 "status": rng.choice(["new", "in_progress", "answered"]),
                 "created_at": _when(rng)} for _ in range(5_000)]  # fmt: skip
    _bulk(conn, FeedbackItem.__table__, feedback)
    return {"callbacks": len(callbacks), "task_clients": len(tasks), "feedback": len(feedback)}
