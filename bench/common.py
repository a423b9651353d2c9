"""Shared bits of the benchmarks: timing, percentiles, the demo databases they run on."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from assistant.config import PROJECT_ROOT
from assistant.db import make_engine, make_session_factory, migrate

BENCH_DATA = PROJECT_ROOT / "data" / "bench"


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def timed_ms(fn: Callable[[], object]) -> float:
    """Milliseconds one call of `fn` takes."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def report(name: str, samples_ms: list[float], target_p95_ms: float) -> bool:
    """Print p50/p95 against the target; True when the target is met."""
    p50, p95 = percentile(samples_ms, 50), percentile(samples_ms, 95)
    ok = p95 <= target_p95_ms
    print(
        f"{name:<44} n={len(samples_ms):<5} p50={p50:7.1f} ms  p95={p95:7.1f} ms  "
        f"mean={statistics.fmean(samples_ms):7.1f} ms   target p95 <= {target_p95_ms:g} ms  "
        f"{'OK' if ok else 'MISSED'}"
    )
    return ok


def demo_database(scale: str, *, seed: int = 7) -> str:
    """URL of a SQLite demo company of `scale`, made once and kept under data/bench/."""
    from assistant.demo import create_demo

    path: Path = BENCH_DATA / f"demo-{scale}-{seed}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        # A demo kept from an older schema is brought up to date, as `desk init` would.
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        print(f"(using the {scale} demo at {path}; delete it to rebuild)")
        return url
    BENCH_DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{partial}")
    migrate(engine)
    start = time.perf_counter()
    summary = create_demo(session_factory=make_session_factory(engine), scale=scale, seed=seed)
    engine.dispose()
    partial.rename(path)
    print(f"{scale} demo created in {time.perf_counter() - start:.1f} s: {summary.as_dict()}")
    return url
