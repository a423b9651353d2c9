"""Small fakes of the knowledge base's shapes for the chat tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from knowledge.models import Chunk, Hit


def hit(
    text: str, *, title: str = "Procedures", page: int | None = None, score: float = 0.5
) -> Hit:
    """A retrieved passage."""
    return Hit(Chunk.make(doc=f"{title}.md", text=text, title=title, page=page), score)


class FakeRetriever:
    """Returns its passages best first, and remembers how it was asked."""

    def __init__(self, hits: Sequence[Hit] = ()) -> None:
        self.hits = list(hits)
        self.calls: list[dict[str, object]] = []

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        kinds: Sequence[str] | None = None,
        client_type: str | None = None,
    ) -> list[Hit]:
        self.calls.append({"query": query, "k": k, "kinds": kinds, "client_type": client_type})
        return self.hits[:k]


class NoSql:
    """Catalogue and directory stand-ins: these questions name no product and no client."""

    sessions = None  # an allowed actor's read writes nothing

    def lookup(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def get(self, *args: Any, **kwargs: Any) -> None:
        return None

    def by_code(self, code: str) -> None:
        return None
