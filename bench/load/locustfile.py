"""Locust users posting call-back requests through nginx, repeats of a request_id included.

    locust -f bench/load/locustfile.py --headless -u 20 -r 20 --run-time 300s \
        --host http://127.0.0.1:8080

LOAD_CALLBACKS posts in all (every LOAD_REPEAT_EVERY-th repeats an earlier request_id),
prefix LOAD_CALLBACK_PREFIX; each answer (request_id, status, id) goes to LOAD_CALLBACK_OUT
(JSON lines), which `python -m bench.load callbacks-check` reconciles with SQL.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import gevent
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

TOTAL = int(os.environ.get("LOAD_CALLBACKS", "10000"))
REPEAT_EVERY = int(os.environ.get("LOAD_REPEAT_EVERY", "10"))
PREFIX = os.environ.get("LOAD_CALLBACK_PREFIX", "load")
OUT = os.environ.get("LOAD_CALLBACK_OUT", "data/team/callbacks.jsonl")
TOKEN = os.environ.get("DESK_CALLBACK_TOKEN", "")
_numbers = itertools.count()
_lock = threading.Lock()
_answers: list[str] = []
START = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)


def _body(n: int) -> dict[str, Any]:
    # Every REPEAT_EVERY-th post repeats the request_id of the post half a window earlier.
    rid = n // 2 if REPEAT_EVERY and n % REPEAT_EVERY == REPEAT_EVERY - 1 else n
    return {
        "request_id": f"{PREFIX}-{rid}",
        "name": "Ana Horvat",
        "phone": "01 234 5678",
        "window_from": START.isoformat(),
        "window_to": (START + timedelta(hours=2)).isoformat(),
        "consent": True,
    }


class Website(HttpUser):
    """The company website: one post after another on a kept-alive connection."""

    wait_time = constant(0)

    @task
    def post(self) -> None:
        with _lock:
            n = next(_numbers)
        if n >= TOTAL:
            # Each user stops after its last answer; the runner quits once all have, from a
            # greenlet of its own (a user quitting it from its task was killed by that very
            # stop, and Locust ran on to --run-time), and no post in flight is cut off.
            if n == TOTAL:
                gevent.spawn(_quit_when_done, self.environment.runner)
            raise StopUser()
        body = _body(n)
        headers = {"Authorization": f"Bearer {TOKEN}"}
        with self.client.post(
            "/api/callbacks", json=body, headers=headers, name="/api/callbacks", catch_response=True
        ) as answer:
            try:
                got = answer.json()
            except ValueError:
                got = {}
            if answer.status_code in (200, 201):
                answer.success()
            line = {"request_id": body["request_id"], "status": answer.status_code}
            line["id"] = got.get("id") if isinstance(got, dict) else None
        with _lock:
            _answers.append(json.dumps(line))


def _quit_when_done(runner: Any) -> None:
    for _ in range(600):  # 60 s at most for the posts still in flight
        if runner.user_count == 0:
            break
        gevent.sleep(0.1)
    runner.quit()


@events.quitting.add_listener
def _save(**_kwargs: Any) -> None:
    with _lock, open(OUT, "w", encoding="utf-8") as out:
        out.write("\n".join(_answers) + "\n")
