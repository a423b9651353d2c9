"""Eight operators placing orders at once: no order lost, none duplicated (R16-R18)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order, OrderLine
from assistant.services import build_services
from tests import factories as f
from tests.conftest import TODAY

WORKERS = 8
ORDERS_PER_WORKER = 6


def _draft(key: str) -> OrderDraft:
    return OrderDraft.from_json(
        {
            "client": "C1",
            "idempotency_key": key,
            "lines": [{"sku": "P1", "qty": 2}, {"sku": "P2", "qty": 1}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Ana",
        }
    )


def test_concurrent_placements_keep_every_order_once(services, settings) -> None:
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "C1", manager=f.manager(s, "M1"))
        f.product(s, "P1", prices={"C": "2.00"})
        f.product(s, "P2", prices={"C": "3.00"})
    # Worker w places keys w*3 .. w*3+5: each key is placed by two workers at once.
    keys = [[f"key-{w * 3 + i}" for i in range(ORDERS_PER_WORKER)] for w in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)

    def work(my_keys: list[str]) -> list[tuple[str, str]]:
        desk = build_services(settings, today=lambda: TODAY)  # own engine, like another operator
        barrier.wait()
        try:
            return [
                (k, desk.placement.place(draft=_draft(k), actor=f.acting("op")).order_no)
                for k in my_keys
            ]
        finally:
            desk.engine.dispose()

    with ThreadPoolExecutor(WORKERS) as pool:
        results = [pair for batch in pool.map(work, keys) for pair in batch]

    distinct = {k for batch in keys for k in batch}
    assert len(results) == WORKERS * ORDERS_PER_WORKER
    by_key: dict[str, set[str]] = {}
    for key, order_no in results:
        by_key.setdefault(key, set()).add(order_no)
    assert all(len(numbers) == 1 for numbers in by_key.values()), by_key
    with services.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == len(distinct)
        assert s.scalar(select(func.count()).select_from(OrderLine)) == 2 * len(distinct)
        totals = set(s.scalars(select(Order.total)))
    assert totals == {Decimal("7.00")}
