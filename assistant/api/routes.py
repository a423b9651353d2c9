"""POST /api/callbacks and GET /api/openapi.json, as Starlette routes (R22).

The checks run cheapest first: the rate limit per client address, the token, the body's
size and JSON, then the request's fields. The database work runs in a worker thread, so
the server keeps serving the operators' pages meanwhile.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from assistant.api.openapi import OPENAPI
from assistant.config import Settings, get_settings
from assistant.errors import DeskError
from assistant.i18n import _, default_language, preferred_language, use_language
from assistant.outbound.callback_input import MAX_BODY_BYTES
from assistant.outbound.callbacks import CallbackDesk
from assistant.services import build_services

log = logging.getLogger(__name__)


class CallbackApi:
    """The endpoint for one desk: its token, its rate limit and its call-back service."""

    def __init__(self, *, settings: Settings, desk: Callable[[], CallbackDesk]) -> None:
        token = settings.callback_token.get_secret_value() if settings.callback_token else ""
        self._token = token.encode()
        self._desk = desk
        self._limit = parse(settings.callback_rate_limit)
        # A moving window counts exactly the posts of the last period: a sliding counter
        # estimates across its window's edge and lets a burst through there.
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._language = settings.language

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/api/callbacks", self.post, methods=["POST"]),
            Route("/api/openapi.json", self.openapi, methods=["GET"]),
        ]

    async def openapi(self, request: Request) -> JSONResponse:
        return JSONResponse(OPENAPI)

    async def post(self, request: Request) -> JSONResponse:
        address = request.client.host if request.client else "unknown"
        with use_language(self._speaks(request)):
            if not self._limiter.hit(self._limit, "callbacks", address):
                return _error(429, _("Too many requests: wait a minute and post again."))
            refusal = self._refusal(request.headers.get("authorization", ""))
            if refusal is not None:
                return refusal
            body = await _body(request)
            if isinstance(body, JSONResponse):
                return body
        language = self._speaks(request)
        try:
            received = await run_in_threadpool(self._receive, body, address, language)
        except DeskError as err:
            problems = [{"field": p.field or "body", "message": p.message} for p in err.problems]
            return JSONResponse({"errors": problems}, status_code=422)
        return JSONResponse({"id": received.id}, status_code=201 if received.created else 200)

    def _receive(self, body: Any, address: str, language: str) -> Any:
        with use_language(language):
            return self._desk().receive(body, source=address)

    def _refusal(self, authorization: str) -> JSONResponse | None:
        if not self._token:
            return _error(
                503,
                _("Call-backs are switched off: the desk has no DESK_CALLBACK_TOKEN set."),
            )
        scheme, _sep, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), self._token):
            return _error(
                401,
                _("A valid token is required: send the header Authorization: Bearer TOKEN."),
                headers={"WWW-Authenticate": "Bearer"},
            )
        return None

    def _speaks(self, request: Request) -> str:
        asked = preferred_language(request.headers.get("accept-language"))
        return asked or self._language or default_language()


async def _body(request: Request) -> Any:
    """The JSON body, or the 422 that says why it cannot be read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return _too_big()
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            return _too_big()
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _invalid("body", _("The body is not JSON: send a JSON object."))


def _too_big() -> JSONResponse:
    return _invalid(
        "body", _("The body is too large: at most {kb} kB.").format(kb=MAX_BODY_BYTES // 1024)
    )


def _invalid(field: str, message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"field": field, "message": message}]}, status_code=422)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class _Lazy:
    """The desk's services, built once on the first post (the app's pages build their own)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._desk: CallbackDesk | None = None

    def desk(self) -> CallbackDesk:
        with self._lock:  # the first posts arrive together: build the services once
            if self._desk is None:
                self._desk = build_services(self._settings).callbacks
            return self._desk


def routes(settings: Settings | None = None) -> list[BaseRoute]:
    """The routes server.py hands to st.App, for the settings of this process."""
    settings = settings or get_settings()
    lazy = _Lazy(settings)
    return CallbackApi(settings=settings, desk=lazy.desk).routes()
