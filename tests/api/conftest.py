"""The call-back endpoint's routes on a Starlette app over the test database."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from assistant.api import CallbackApi
from assistant.config import Settings

TOKEN = "test-token-1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_app(services: Any, **settings: Any) -> Starlette:
    """The routes as server.py serves them, with these settings and the test's services."""
    chosen = Settings(
        database_url=services.settings.database_url,
        callback_token=settings.pop("callback_token", TOKEN),
        callback_rate_limit=settings.pop("callback_rate_limit", "10000/minute"),
        **settings,
    )
    return Starlette(routes=CallbackApi(settings=chosen, desk=lambda: services.callbacks).routes())


@pytest.fixture
def client(services: Any) -> Any:
    with TestClient(make_app(services)) as http:
        yield http
