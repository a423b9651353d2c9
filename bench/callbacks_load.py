"""Posts to /api/callbacks from worker threads, each on its own keep-alive connection.

Shared by the load test (nothing lost) and the bench (how fast): http.client leaves the
two cores to the server more than a richer client would.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from typing import Any
from urllib.parse import urlsplit


def post_all(
    base: str, bodies: list[dict[str, Any]], *, token: str, workers: int = 6
) -> list[tuple[str, int, int, float]]:
    """(request_id, status, id or -1, milliseconds) for each body, in order."""
    port = urlsplit(base).port
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    local = threading.local()

    def post(body: dict[str, Any]) -> tuple[str, int, int, float]:
        if not hasattr(local, "http"):
            local.http = HTTPConnection("127.0.0.1", port, timeout=60)
        start = time.perf_counter()
        local.http.request("POST", "/api/callbacks", body=json.dumps(body), headers=headers)
        answer = local.http.getresponse()
        got = json.loads(answer.read())
        took = (time.perf_counter() - start) * 1000
        return body["request_id"], answer.status, int(got.get("id", -1)), took

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(post, bodies))
