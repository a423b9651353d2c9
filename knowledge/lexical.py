"""BM25 over every chunk, in memory: stemmed terms, exact SKU codes, per-chunk language."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

import bm25s
import numpy as np

from assistant.text import terms
from knowledge.language import detect_language
from knowledge.models import Chunk

# A code as typed: letters, digits, dashes, dots or slashes ("BR-0001", "br-0001").
_CODE = re.compile(r"[\w][\w\-./]*[\w]|\w")


def lexical_text(chunk: Chunk) -> str:
    """What BM25 reads of a chunk: its title and heading count as words of it."""
    return " ".join(part for part in (chunk.title, chunk.heading, chunk.sku, chunk.text) if part)


def codes(text: str) -> set[str]:
    """Every token of `text` that could be a SKU, upper-cased."""
    return {token.upper() for token in _CODE.findall(text)}


class LexicalIndex:
    """A bm25s index of chunks, with a SKU lookup and each chunk's language."""

    def __init__(self, chunks: Iterable[Chunk], *, mode: str = "suffix") -> None:
        self.mode = mode
        self.chunks: list[Chunk] = list(chunks)
        self._bm25 = bm25s.BM25()
        corpus = [terms(lexical_text(c), mode=mode) for c in self.chunks]
        if self.chunks:
            self._bm25.index(corpus, show_progress=False)
        self._by_sku: dict[str, list[int]] = defaultdict(list)
        for i, chunk in enumerate(self.chunks):
            if chunk.sku:
                self._by_sku[chunk.sku.upper()].append(i)
        # Guessed on first need: only candidates of a query ever ask (half the build time).
        self._languages: dict[int, str | None] = {}
        self.positions = {c.id: i for i, c in enumerate(self.chunks)}
        self._masks: dict[tuple[frozenset[str] | None, str | None], np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.chunks)

    def language(self, pos: int) -> str | None:
        """The language the chunk at `pos` is written in (None when there is no telling)."""
        if pos not in self._languages:
            self._languages[pos] = detect_language(self.chunks[pos].text)
        return self._languages[pos]

    def sku_matches(self, query: str) -> list[int]:
        """Chunks whose SKU is a token of the question, in index order."""
        return [i for code in sorted(codes(query)) for i in self._by_sku.get(code, [])]

    def search(
        self,
        query: str,
        *,
        k: int,
        kinds: Collection[str] | None = None,
        client_type: str | None = None,
    ) -> list[tuple[int, float]]:
        """Best chunk positions for the question with their BM25 scores (> 0), best first."""
        query_terms = terms(query, mode=self.mode)
        if not self.chunks or not query_terms:
            return []
        scores = self._bm25.get_scores(query_terms)
        if kinds is not None or client_type is not None:
            scores = np.where(self.mask(kinds=kinds, client_type=client_type), scores, 0.0)
        top = _top(scores, k)
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def mask(self, *, kinds: Collection[str] | None, client_type: str | None) -> np.ndarray:
        """Which chunks pass the filters (cached: a filter's mask is reused by every query)."""
        key = (None if kinds is None else frozenset(kinds), client_type)
        if key not in self._masks:
            self._masks[key] = np.fromiter(
                (allowed(c, kinds=kinds, client_type=client_type) for c in self.chunks),
                dtype=bool,
                count=len(self.chunks),
            )
        return self._masks[key]


def allowed(chunk: Chunk, *, kinds: Collection[str] | None, client_type: str | None) -> bool:
    """A chunk passes when its kind is asked for and it is for every or this client type."""
    if kinds is not None and chunk.kind not in kinds:
        return False
    return client_type is None or not chunk.client_types or client_type in chunk.client_types


def _top(scores: np.ndarray, k: int) -> Sequence[int]:
    """Positions of the k highest scores, best first (argpartition: no full sort)."""
    if k >= len(scores):
        return list(np.argsort(-scores))
    part = np.argpartition(-scores, k)[:k]
    return list(part[np.argsort(-scores[part])])
