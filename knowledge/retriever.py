"""Hybrid retrieval: exact SKU codes first, then dense (Chroma) and BM25 fused per query."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import Any

from knowledge.fusion import Candidate, FusionWeights, blend, fuse, with_titles
from knowledge.language import detect_language
from knowledge.lexical import LexicalIndex, allowed
from knowledge.models import Chunk, Hit
from knowledge.store import KnowledgeStore

# How deep each side looks before fusing: enough that a passage ranked low by one side
# but high by the other still meets its partner.
DEPTH = 30
SKU_SCORE = 1.0


class Retriever:
    """Answers `search(query)` with the best chunks; the lexical index follows the store."""

    def __init__(
        self,
        *,
        store: KnowledgeStore,
        weights: FusionWeights | None = None,
        depth: int = DEPTH,
        stemming: str = "suffix",
    ) -> None:
        self._store = store
        self._weights = weights or FusionWeights()
        self._depth = depth
        self._stemming = stemming
        self._index: LexicalIndex | None = None
        self._indexed_count = -1
        self._lock = threading.Lock()  # Streamlit sessions share one retriever

    def refresh(self) -> None:
        """Rebuild the lexical index from the store (after an ingest)."""
        with self._lock:
            count = self._store.count()
            self._index = LexicalIndex(self._store.all_chunks(), mode=self._stemming)
            self._indexed_count = count

    def lexical_index(self) -> LexicalIndex:
        """The BM25 index, rebuilt when the store's chunk count changed since it was built."""
        # A count check is cheap; a replaced chunk set of equal size needs refresh().
        if self._index is None or self._store.count() != self._indexed_count:
            self.refresh()
        assert self._index is not None
        return self._index

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        kinds: Collection[str] | None = None,
        client_type: str | None = None,
        context: str = "",
        context_weight: float = 0.0,
    ) -> list[Hit]:
        """The k best chunks for the question, best first, within the kind and client filters.

        `context` is what was asked before (a follow-up's earlier questions): the question
        is searched again with it in front, and that fusion counts `context_weight`, so the
        question's own words keep the larger say.
        """
        query = query.strip()
        if not query or k <= 0:
            return []
        index = self.lexical_index()
        sku_hits = [
            index.chunks[i]
            for i in index.sku_matches(query)
            if allowed(index.chunks[i], kinds=kinds, client_type=client_type)
        ]
        fused = self._fused(query, kinds=kinds, client_type=client_type)
        context = context.strip()
        if context and context_weight > 0:
            around = self._fused(f"{context} {query}", kinds=kinds, client_type=client_type)
            fused = blend(fused, around, weight=context_weight)
        hits = [Hit(chunk=c, score=SKU_SCORE, lexical_rank=1) for c in sku_hits]
        seen = {h.chunk.id for h in hits}
        for score, cand in fused:
            if cand.chunk.id in seen:
                continue
            seen.add(cand.chunk.id)
            hits.append(
                Hit(
                    chunk=cand.chunk,
                    # Below an exact code match, whatever the fusion says.
                    score=min(score, 0.99) if sku_hits else score,
                    dense_rank=cand.dense_rank,
                    lexical_rank=cand.lexical_rank,
                )
            )
        return hits[:k]

    def _fused(
        self, query: str, *, kinds: Collection[str] | None, client_type: str | None
    ) -> list[tuple[float, Candidate]]:
        """Both sides fused for one query, titles blended in, best first."""
        vector = self._store.embeddings.embed_query(query)
        candidates = self.candidates(query, kinds=kinds, client_type=client_type, vector=vector)
        fused = fuse(candidates, weights=self._weights, language=detect_language(query))
        titles = self._store.title_similarity(vector, [cand.chunk for _s, cand in fused])
        return with_titles(fused, titles, weights=self._weights)

    def candidates(
        self,
        query: str,
        *,
        kinds: Collection[str] | None = None,
        client_type: str | None = None,
        vector: Sequence[float] | None = None,
    ) -> list[Candidate]:
        """Both sides' lists for the question, merged by chunk id (benchmarks fuse them too)."""
        index = self.lexical_index()
        if vector is None:
            vector = self._store.embeddings.embed_query(query)
        dense = self._dense(vector, kinds=kinds, client_type=client_type)
        lexical = index.search(query, k=self._depth, kinds=kinds, client_type=client_type)
        language = detect_language(query)
        merged: dict[str, dict[str, Any]] = {}
        for rank, (chunk, cosine) in enumerate(dense, 1):
            merged[chunk.id] = {"chunk": chunk, "dense": cosine, "dense_rank": rank}
        for rank, (pos, bm25) in enumerate(lexical, 1):
            chunk = index.chunks[pos]
            entry = merged.setdefault(chunk.id, {"chunk": chunk})
            entry.update(lexical=bm25, lexical_rank=rank)
        out = []
        for entry in merged.values():
            chunk_language = _language_of(entry["chunk"], index)
            same = language is None or chunk_language is None or language == chunk_language
            out.append(Candidate(same_language=same, **entry))
        return out

    def _dense(
        self, vector: Sequence[float], *, kinds: Collection[str] | None, client_type: str | None
    ) -> list[tuple[Chunk, float]]:
        where = {"kind": {"$in": sorted(kinds)}} if kinds is not None else None
        if kinds is not None and not kinds:
            return []
        depth = self._depth
        while True:
            found = self._store.dense_by_vector(vector, k=depth, where=where)
            # Client types are stored joined ("a;b"), which Chroma cannot filter on:
            # filter here, and look deeper when the filter left too few.
            kept = [(c, s) for c, s in found if allowed(c, kinds=None, client_type=client_type)]
            if client_type is None or len(kept) >= self._depth or len(found) < depth:
                return kept[: self._depth]
            depth *= 4


def _language_of(chunk: Chunk, index: LexicalIndex) -> str | None:
    pos = index.positions.get(chunk.id)
    if pos is not None:
        return index.language(pos)
    return detect_language(chunk.text)
