"""GET /api/ready and GET /api/metrics: what a load balancer and Prometheus ask each process.

/api/ready answers 200 only when both the database and the vector store answer, else 503
naming the one that is down and why; /api/metrics is the Prometheus text of
assistant.metrics (the counts and latencies of cards, orders, questions and call-backs).
"""

from __future__ import annotations

import logging
import threading

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from assistant.config import Settings, get_settings
from assistant.db import make_engine
from knowledge.store import make_client

log = logging.getLogger(__name__)


class Health:
    """The readiness checks of one process: its own small engine, opened on the first ask."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._engine: Engine | None = None

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/api/ready", self.ready, methods=["GET"]),
            Route("/api/metrics", self.metrics, methods=["GET"]),
        ]

    async def ready(self, request: Request) -> JSONResponse:
        status = await run_in_threadpool(self.check)
        ok = all(value == "ok" for value in status.values())
        return JSONResponse(status, status_code=200 if ok else 503)

    async def metrics(self, request: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    def check(self) -> dict[str, str]:
        """{"database": "ok" or why not, "vector_store": "ok" or why not}."""
        return {"database": self._database(), "vector_store": self._vector_store()}

    def _database(self) -> str:
        try:
            with self._lock:  # the first asks may arrive together: one engine per process
                if self._engine is None:
                    self._engine = make_engine(self._settings.database_url)
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", said briefly
            return _down("database", exc)
        return "ok"

    def _vector_store(self) -> str:
        try:
            client = make_client(url=self._settings.chroma_url, path=self._settings.chroma_path)
            client.heartbeat()
        except Exception as exc:  # noqa: BLE001 - chromadb and httpx raise several types
            return _down("vector store", exc)
        return "ok"


def _down(what: str, exc: Exception) -> str:
    log.warning("readiness: the %s is down: %s", what, exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"down: {type(exc).__name__}: {first[:200]}".rstrip(": ")


def health_routes(settings: Settings | None = None) -> list[BaseRoute]:
    """The routes server.py adds beside the call-back endpoint."""
    return Health(settings or get_settings()).routes()
