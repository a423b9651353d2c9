"""GET /api/ready and GET /api/metrics: readiness of each backend, and the desk's counts."""

from __future__ import annotations

import re
from typing import Any

from starlette.applications import Starlette
from starlette.testclient import TestClient

from assistant.api import Health
from assistant.config import Settings
from tests.db.test_audit import ANA, _draft
from tests.db.test_audit import desk as desk  # noqa: F401 - the fixture, reused

# Nothing listens on port 1: the connection is refused at once.
DEAD_DATABASE = "postgresql+psycopg://nobody@127.0.0.1:1/nothing"
DEAD_CHROMA = "http://127.0.0.1:1"


def _client(**chosen: Any) -> TestClient:
    return TestClient(Starlette(routes=Health(Settings(**chosen)).routes()))


def test_ready_is_200_when_the_database_and_the_vector_store_answer(settings) -> None:
    answer = _client(database_url=settings.database_url, chroma_path=settings.chroma_path).get(
        "/api/ready"
    )
    assert answer.status_code == 200
    assert answer.json() == {"database": "ok", "vector_store": "ok"}


def test_ready_is_503_naming_the_database_when_it_is_down(tmp_path) -> None:
    answer = _client(database_url=DEAD_DATABASE, chroma_path=tmp_path / "chroma").get("/api/ready")
    assert answer.status_code == 503
    status = answer.json()
    assert status["database"].startswith("down: ") and status["vector_store"] == "ok"


def test_ready_is_503_naming_the_vector_store_when_chroma_is_down(settings) -> None:
    answer = _client(database_url=settings.database_url, chroma_url=DEAD_CHROMA).get("/api/ready")
    assert answer.status_code == 503
    status = answer.json()
    assert status["database"] == "ok" and status["vector_store"].startswith("down: ")


def _count(page: str, name: str) -> float:
    """The sample `name` in the Prometheus text (0 when absent)."""
    found = re.search(rf"^{re.escape(name)} (\S+)$", page, flags=re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_metrics_name_every_action_and_count_cards_and_orders(desk, tmp_path) -> None:  # noqa: F811
    http = _client(database_url=desk.settings.database_url, chroma_path=tmp_path / "chroma")
    before = http.get("/api/metrics").text
    for action in ("cards", "orders", "questions", "callbacks"):
        assert f"desk_{action}_total" in before and f"desk_{action}_seconds_bucket" in before
    desk.cards.card(query="M1", actor=ANA)
    desk.placement.place(draft=_draft("M1", "metrics-1"), actor=ANA)
    after = http.get("/api/metrics")
    assert after.status_code == 200 and after.headers["content-type"].startswith("text/plain")
    for action in ("cards", "orders"):
        ok = f'desk_{action}_total{{outcome="ok"}}'
        assert _count(after.text, ok) == _count(before, ok) + 1
        seconds = f"desk_{action}_seconds_count"
        assert _count(after.text, seconds) == _count(before, seconds) + 1
