"""Whether the Chroma server answers: its failures become one refusal a person can act on.

A Chroma server that is down (restarted, its host lost) must cost only the questions and
the publishing, never the live call: every call into the store turns a broken connection
into KnowledgeUnavailable, which the Ask panel shows as "unavailable; retrying".
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from assistant.errors import KnowledgeUnavailable
from assistant.i18n import N_, _

UNAVAILABLE = N_("The knowledge base is unavailable; retrying.")
PUBLISH_REFUSED = N_(
    "The knowledge base is unavailable, so nothing can be published now; nothing was "
    "changed. Try again when it is back."
)
# Connecting is quick or hopeless; a big upsert may take a while on a busy server.
TIMEOUT = httpx.Timeout(60.0, connect=3.0)


def unavailable(exc: BaseException | None = None) -> KnowledgeUnavailable:
    """The refusal said to the user (the cause kept for the log)."""
    error = KnowledgeUnavailable(_(UNAVAILABLE))
    error.__cause__ = exc
    return error


@contextmanager
def reaching() -> Iterator[None]:
    """Turn a connection to the Chroma server that fails into KnowledgeUnavailable."""
    try:
        yield
    except httpx.TransportError as exc:
        raise unavailable(exc) from exc


def short_timeouts(client: Any) -> None:
    """No long hangs on a server that accepts but never answers (chromadb waits forever)."""
    # chromadb sets no timeout on its httpx session and offers no setting for one.
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = TIMEOUT


def ping(client: Any) -> None:
    """Raise KnowledgeUnavailable unless the server answers its heartbeat."""
    with reaching():
        client.heartbeat()
