"""Per action latencies and errors (by message) from many operator threads at once."""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from bench.common import percentile

T = TypeVar("T")
ACTIONS = ("card", "offers", "answer", "draft", "quote", "place", "ask")


@dataclass
class Recorder:
    """What the simulated operators did and saw; every method is safe from any thread."""

    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # idempotency key -> (order number, total the operator was told), for the reconciliation.
    placed: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    timeline: list[tuple[float, str, str]] = field(default_factory=list)  # (t, action, error)
    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, action: str, fn: Callable[[], T]) -> T:
        """Run fn, keep its milliseconds; an exception is counted by message and re-raised."""
        start = time.perf_counter()
        try:
            result = fn()
        except Exception as err:
            self.error(action, err)
            raise
        took = (time.perf_counter() - start) * 1000
        with self.lock:
            self.samples[action].append(took)
        return result

    def error(self, action: str, err: BaseException | str) -> None:
        message = err if isinstance(err, str) else f"{type(err).__name__}: {err}"
        message = " ".join(message.split())[:160]
        with self.lock:
            self.errors[action][message] += 1
            self.timeline.append((time.monotonic() - self.started, action, message))

    def order(self, key: str, order_no: str, total: Decimal) -> None:
        with self.lock:
            self.placed[key] = (order_no, total)

    def summary(self) -> dict[str, Any]:
        """p50/p95/p99 and the error count per action, JSON-ready."""
        out: dict[str, Any] = {}
        with self.lock:
            for action in ACTIONS:
                values = self.samples.get(action, [])
                errors = sum(self.errors.get(action, Counter()).values())
                if not values and not errors:
                    continue
                out[action] = {
                    "n": len(values),
                    "p50": round(percentile(values, 50), 1) if values else None,
                    "p95": round(percentile(values, 95), 1) if values else None,
                    "p99": round(percentile(values, 99), 1) if values else None,
                    "errors": errors,
                    "messages": dict(self.errors.get(action, Counter()).most_common(5)),
                }
        return out
