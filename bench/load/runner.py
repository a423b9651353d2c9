"""A load run: operator threads in a few worker processes, a fault on the side, reconciled."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from assistant.config import Settings
from assistant.orders.models import Order
from assistant.services import build_services
from bench.load import cpu, faults
from bench.load.operators import callers, operator
from bench.load.stats import Recorder


def _worker(
    first: int, count: int, seconds: float, interval: float, seed: int, ready: Any
) -> dict[str, Any]:
    """One process of `count` operator threads (as one app process serves its sessions)."""
    import random

    desk = build_services(Settings())
    desk.offers.preload()
    pool = callers(desk, random.Random(seed))
    rec = Recorder()
    stop = threading.Event()
    ready.put(first)  # set up: the fault waits until every worker is calling
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=operator, args=(desk, first + i, pool, interval, until, rec, stop), daemon=True
        )
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    stop.set()
    desk.engine.dispose()
    return {
        "samples": dict(rec.samples),
        "errors": {action: dict(c) for action, c in rec.errors.items()},
        "placed": {key: (no, str(total)) for key, (no, total) in rec.placed.items()},
    }


def _split(operators: int, processes: int) -> list[tuple[int, int]]:
    """(first operator, how many) per process, as even as it goes."""
    processes = max(1, min(processes, operators))
    base, extra = divmod(operators, processes)
    out, first = [], 0
    for p in range(processes):
        n = base + (1 if p < extra else 0)
        out.append((first, n))
        first += n
    return out


def run(
    *, operators: int, seconds: float, interval: float, processes: int, fault: str, at: float
) -> dict[str, Any]:
    """Run the load (with `fault` injected `at` seconds in) and reconcile every order."""
    began = datetime.now(UTC).replace(tzinfo=None)
    ctx = multiprocessing.get_context("spawn")
    parts = _split(operators, processes)
    fault_log: dict[str, Any] = {}
    with ctx.Manager() as manager, ctx.Pool(len(parts)) as pool:
        ready = manager.Queue()
        pending = pool.starmap_async(
            _worker,
            [(first, n, seconds, interval, 7 + i, ready) for i, (first, n) in enumerate(parts)],
        )
        # Counted from when every worker is calling (their set-up takes seconds).
        for _part in parts:
            ready.get(timeout=300)
        before = cpu.snapshot()
        # The CPU is read again shortly before the workers stop: their PostgreSQL backends
        # end with them, and a process gone by then takes its CPU seconds along.
        after: list[dict[str, Any]] = []
        reader = threading.Timer(max(1.0, seconds - 3), lambda: after.append(cpu.snapshot()))
        reader.start()
        if fault != "none":
            time.sleep(at)
            fault_log = faults.inject(fault)
        results = pending.get(timeout=seconds + 600)
        reader.join()
        used = cpu.spent(before, after[0] if after else cpu.snapshot())
    rec = Recorder()
    for part in results:
        for action, values in part["samples"].items():
            rec.samples[action].extend(values)
        for action, counts in part["errors"].items():
            rec.errors[action].update(counts)
        for key, (no, total) in part["placed"].items():
            rec.placed[key] = (no, Decimal(total))
    return {
        "operators": operators,
        "seconds": seconds,
        "interval": interval,
        "processes": len(parts),
        "fault": fault,
        "fault_log": fault_log,
        "actions": rec.summary(),
        "calls_per_second": round(len(rec.samples.get("card", [])) / seconds, 2),
        "calls": len(rec.samples.get("card", [])),
        "cpu": used,
        "load_average": os.getloadavg(),
        "reconcile": reconcile(rec.placed, since=began),
    }


def reconcile(placed: dict[str, tuple[str, Decimal]], *, since: datetime) -> dict[str, Any]:
    """Every order the operators were told of is in SQL once with its total; and no other."""
    desk = build_services(Settings())
    found: dict[str, list[Decimal]] = defaultdict(list)
    keys = list(placed)
    with desk.sessions() as s:
        for i in range(0, len(keys), 500):
            rows = s.execute(
                select(Order.idempotency_key, Order.total).where(
                    Order.idempotency_key.in_(keys[i : i + 500])
                )
            )
            for key, total in rows:
                found[key].append(Decimal(total))
        ours = s.scalar(
            select(func.count())
            .select_from(Order)
            .where(Order.created_at >= since, Order.operator.like("load.operator%"))
        )
    desk.engine.dispose()
    lost = [k for k in keys if not found.get(k)]
    duplicated = [k for k in keys if len(found.get(k, [])) > 1]
    wrong = [k for k in keys if found.get(k) and found[k][0] != placed[k][1]]
    numbers = Counter(no for no, _total in placed.values())
    return {
        "placed": len(keys),
        "in_sql": sum(1 for k in keys if found.get(k)),
        "lost": len(lost),
        "duplicated": len(duplicated) + sum(1 for n in numbers.values() if n > 1),
        "wrong_total": len(wrong),
        # Written, but the operator saw only errors (a refused "try again" after the write).
        "unconfirmed": max(0, int(ours or 0) - len(keys)),
        "examples": (lost + duplicated + wrong)[:5],
    }
