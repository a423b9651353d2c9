"""Offers benchmark: quality on real history (UCI Online Retail) and speed at scale.

Run: .venv/bin/python -m bench.bench_offers [--no-large]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from assistant.db import make_session_factory
from assistant.offers import OfferService
from assistant.text import fold
from bench.offers_data import drop, fresh_engine, read_retail, store, synthetic_lines
from bench.offers_quality import SPLIT, addon_quality, split_history, traditional_quality

ROOT = Path(__file__).resolve().parents[1]
RETAIL = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail_2010_2011.csv.gz"
TARGET_MS = 30.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def time_calls(calls: list[Callable[[], object]]) -> tuple[float, float]:
    """p50/p95 (ms) of the calls, run after one warm-up call."""
    calls[0]()
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def speed(service: OfferService, clients: list[tuple[int, str, list[str]]], label: str) -> None:
    """Cold build time and warm p50/p95 of offers_for."""
    service.invalidate()
    start = time.perf_counter()
    service.preload()
    build = time.perf_counter() - start
    calls: list[Callable[[], object]] = [
        partial(service.offers_for, client_id=c, client_type=t, price_column="A", draft_skus=d)
        for c, t, d in clients
    ]
    p50, p95 = time_calls(calls)
    verdict = "OK" if p95 <= TARGET_MS else "MISSED"
    print(f"\nSpeed, {label}:")
    print(f"  history model build (preload)        {build:7.2f} s  (once; again after invalidate)")
    print(
        f"  offers_for warm, {len(calls)} clients        p50 {p50:6.1f} ms   p95 {p95:6.1f} ms"
        f"   target: offers p95 <= {TARGET_MS:.0f} ms  {verdict}"
    )


def large_scale(args: argparse.Namespace) -> None:
    """Offers speed at the issue's large scale on a synthetic history."""
    types = ["key", "marketer", "own_outlet", "retail", "regional", "horeca"]
    start = time.perf_counter()
    client_types, lines = synthetic_lines(
        clients=args.clients, products=args.products, lines=args.lines, types=types, seed=7
    )
    engine = fresh_engine("large")
    names = {f"P{n:05d}": f"Product {n}" for n in range(1, args.products + 1)}
    ids = {sku: n for n, sku in enumerate(names, start=1)}
    store(engine, names, ids, client_types, lines)
    print(
        f"\nScale large: {len(client_types):,} clients, {len(ids):,} products, "
        f"{len(lines):,} history lines (synthetic, made in {time.perf_counter() - start:.0f} s)"
    )
    last: dict[int, list[str]] = {}
    for ln in lines:
        last.setdefault(ln.client_id, []).append(f"P{ln.product_id:05d}")
    rnd = random.Random(3)
    sample = rnd.sample(sorted(last), args.timed)
    service = OfferService(session_factory=make_session_factory(engine))
    speed(service, [(c, client_types[c], last[c][:3]) for c in sample], "scale large")
    drop(engine)


def real_data(args: argparse.Namespace) -> None:
    """Quality and speed on the UCI Online Retail history."""
    if not args.data.exists():
        print(f"SKIP real-data part: {args.data} is absent")
        return
    start = time.perf_counter()
    names, countries, lines, ids = read_retail(args.data)
    types = {cid: fold(country).replace(" ", "_") for cid, country in countries.items()}
    engine = fresh_engine("retail")
    store(engine, names, ids, types, lines)
    print(
        f"UCI Online Retail: {len(ids):,} products, {len(types):,} clients (type = country), "
        f"{len(lines):,} history lines; loaded in {time.perf_counter() - start:.0f} s"
    )
    print(f"Split at {SPLIT}: the model sees only history before it (as_of = split).")
    skus = {pid: sku for sku, pid in ids.items()}
    data = split_history(lines, skus, SPLIT)
    service = OfferService(session_factory=make_session_factory(engine))
    traditional_quality(service, data, types)
    addon_quality(service, data, types, seed=11)
    rnd = random.Random(5)
    sample = rnd.sample(data.clients, min(args.timed, len(data.clients)))
    drafts = [(c, types[c], sorted(data.later_orders[c][0])[:3]) for c in sample]
    speed(service, drafts, f"UCI Online Retail ({len(lines):,} lines), as of today")
    drop(engine)


def main(argv: list[str] | None = None) -> int:
    """Print offer quality on real data and offer speed at scale next to the targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=RETAIL)
    parser.add_argument("--no-large", action="store_true", help="skip the 2,000,000-line part")
    parser.add_argument("--clients", type=int, default=50_000)
    parser.add_argument("--products", type=int, default=5_000)
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--timed", type=int, default=300, help="clients timed per part")
    args = parser.parse_args(argv)
    print("=== Offers benchmark (R11-R13) ===")
    real_data(args)
    if not args.no_large:
        large_scale(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
