"""10,000 posts on loopback to the real server (`streamlit run server.py`): nothing lost.

Every post the server accepted has its row in SQL under the id it answered, and no
request_id has two rows. The rate limit is raised for the run; the speed is bench's job.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlalchemy import select

from assistant.db import make_engine, make_session_factory, migrate
from assistant.outbound.models import CallbackRequest
from bench.browser import streamlit_server
from bench.callbacks_load import post_all
from tests.api.conftest import TOKEN
from tests.db.test_callbacks import request

ROOT = Path(__file__).resolve().parents[2]
POSTS = 10_000
WORKERS = 6


def test_ten_thousand_posts_to_the_served_app_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'load.db'}"
    engine = make_engine(url)
    migrate(engine)
    env = {
        "DESK_DATABASE_URL": url,
        "DESK_CALLBACK_TOKEN": TOKEN,
        "DESK_CALLBACK_RATE_LIMIT": f"{POSTS * 10}/minute",
    }
    bodies = [{**request(), "request_id": f"load-{n}"} for n in range(POSTS)]
    with streamlit_server(ROOT / "server.py", env=env) as base:
        answers = post_all(base, bodies, token=TOKEN, workers=WORKERS)
        # The app's pages are served by the same process, still answering.
        assert httpx.get(f"{base}/_stcore/health").status_code == 200
    assert {code for _rid, code, _id, _ms in answers} == {201}
    with make_session_factory(engine)() as s:
        rows = s.execute(select(CallbackRequest.request_id, CallbackRequest.id))
        stored = {request_id: id_ for request_id, id_ in rows}
    engine.dispose()
    assert len(stored) == POSTS
    assert {rid: id_ for rid, _code, id_, _ms in answers} == stored
