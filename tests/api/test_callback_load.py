"""10,000 posts on loopback to the real server (`streamlit run server.py`): nothing lost.

Every post the server accepted has its row in SQL under the id it answered, and no
request_id has two rows. The rate limit is raised for the run; the speed is bench's job.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from assistant.db import make_engine, make_session_factory, migrate
from assistant.outbound.models import CallbackRequest
from bench.browser import streamlit_server
from tests.api.conftest import AUTH, TOKEN
from tests.db.test_callbacks import request

ROOT = Path(__file__).resolve().parents[2]
POSTS = 10_000
WORKERS = 6
HEADERS = {**AUTH, "Content-Type": "application/json"}


def test_ten_thousand_posts_to_the_served_app_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'load.db'}"
    engine = make_engine(url)
    migrate(engine)
    env = {
        "DESK_DATABASE_URL": url,
        "DESK_CALLBACK_TOKEN": TOKEN,
        "DESK_CALLBACK_RATE_LIMIT": f"{POSTS * 10}/minute",
    }
    body = request()
    local = threading.local()
    with streamlit_server(ROOT / "server.py", env=env) as base:

        def post(n: int) -> tuple[str, int, int]:
            # One keep-alive connection per worker; http.client leaves the two cores to
            # the server more than a richer client would.
            if not hasattr(local, "http"):
                local.http = HTTPConnection("127.0.0.1", urlsplit(base).port, timeout=60)
            sent = json.dumps({**body, "request_id": f"load-{n}"})
            local.http.request("POST", "/api/callbacks", body=sent, headers=HEADERS)
            answer = local.http.getresponse()
            return f"load-{n}", answer.status, json.loads(answer.read()).get("id", -1)

        with ThreadPoolExecutor(WORKERS) as pool:
            answers = list(pool.map(post, range(POSTS)))
        # The app's pages are served by the same process, still answering.
        assert httpx.get(f"{base}/_stcore/health").status_code == 200
    assert {code for _rid, code, _id in answers} == {201}
    with make_session_factory(engine)() as s:
        rows = s.execute(select(CallbackRequest.request_id, CallbackRequest.id))
        stored = {request_id: id_ for request_id, id_ in rows}
    engine.dispose()
    assert len(stored) == POSTS
    assert {rid: id_ for rid, _code, id_ in answers} == stored
