"""What GET /api/metrics serves: how many cards, orders, answers and call-backs, and how fast.

The metric objects live here, at the bottom layer, so that every service can record
through `measured` without knowing about HTTP. Each app process counts its own work
(Prometheus scrapes every process, see docs/deployment.md).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from prometheus_client import Counter, Histogram

P = ParamSpec("P")
R = TypeVar("R")

# The desk's actions take milliseconds to a second (a question with an LLM: seconds).
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

# What each action is called in the metric names: desk_<name>_total, desk_<name>_seconds.
ACTIONS = {
    "cards": "client cards drawn",
    "orders": "orders placed",
    "questions": "questions answered from the knowledge base",
    "callbacks": "call-back requests received from the website",
}

_COUNTS = {
    name: Counter(f"desk_{name}", f"Number of {what}, by outcome (ok or error).", ["outcome"])
    for name, what in ACTIONS.items()
}
_SECONDS = {
    name: Histogram(f"desk_{name}_seconds", f"Seconds taken by {what}.", buckets=_BUCKETS)
    for name, what in ACTIONS.items()
}


def measured(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Count each call of the decorated method (ok or error) and time it."""
    count, seconds = _COUNTS[action], _SECONDS[action]

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            start = time.perf_counter()
            outcome = "error"
            try:
                result = method(*args, **kwargs)
                outcome = "ok"
                return result
            finally:
                count.labels(outcome=outcome).inc()
                seconds.observe(time.perf_counter() - start)

        return timed

    return decorate
