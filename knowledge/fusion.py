"""Fusing the dense and lexical lists, weighted per query by language and lexical confidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from knowledge.models import Chunk


@dataclass(frozen=True)
class Candidate:
    """A chunk found by either side, with its raw scores and 1-based ranks."""

    chunk: Chunk
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25 score
    dense_rank: int | None = None
    lexical_rank: int | None = None
    same_language: bool = True  # the chunk is written in the question's language


@dataclass(frozen=True)
class FusionWeights:
    """How much lexical evidence counts; chosen by the measurements in bench_retrieval.py."""

    # Lexical share when the question and the chunk share a language. English questions
    # are paraphrases the dense model handles better (StackFAQ: 0.2 best of 0.2-0.7);
    # in inflected languages stemmed BM25 beats e5 (Croatian set: 0.7 best).
    same_language: float = 0.2
    by_language: Mapping[str, float] = field(default_factory=lambda: {"hr": 0.7, "ru": 0.7})
    # Across languages only codes and names can match, so BM25 is mostly noise.
    cross_language: float = 0.05
    # A dense score this far below the best one counts as nothing (e5 sits in a narrow band).
    dense_window: float = 0.1
    # Share of the question-to-title similarity (StackFAQ hit@1 0.884 -> see bench).
    title: float = 0.3


def fuse(
    candidates: Sequence[Candidate], *, weights: FusionWeights, language: str | None = None
) -> list[tuple[float, Candidate]]:
    """Candidates with a fused score in [0, 1], best first.

    Dense cosine is rescaled against the best one within a window (absolute e5 values
    mean little); BM25 against the best BM25 score. The lexical share depends on the
    question's language and on whether the chunk is written in it.
    """
    if not candidates:
        return []
    best_dense = max((c.dense for c in candidates if c.dense is not None), default=None)
    best_lexical = max((c.lexical for c in candidates if c.lexical is not None), default=0.0)
    scored = []
    for cand in candidates:
        dense = 0.0
        if cand.dense is not None and best_dense is not None:
            dense = max(0.0, 1.0 - (best_dense - cand.dense) / weights.dense_window)
        lexical = cand.lexical / best_lexical if cand.lexical and best_lexical > 0 else 0.0
        same = weights.by_language.get(language or "", weights.same_language)
        share = same if cand.same_language else weights.cross_language
        scored.append(((1.0 - share) * dense + share * lexical, cand))
    scored.sort(key=lambda pair: -pair[0])
    return scored


def with_titles(
    fused: list[tuple[float, Candidate]], titles: Mapping[str, float], *, weights: FusionWeights
) -> list[tuple[float, Candidate]]:
    """Blend in how close the question is to each chunk's title and heading.

    Rescaled like the dense side (against the best title within a window); a store
    indexed before titles were kept has none, and the fusion is then left as it was.
    """
    if not titles or weights.title <= 0:
        return fused
    best = max(titles.values())
    blended = []
    for score, cand in fused:
        sim = titles.get(cand.chunk.id)
        title = 0.0 if sim is None else max(0.0, 1.0 - (best - sim) / weights.dense_window)
        blended.append(((1.0 - weights.title) * score + weights.title * title, cand))
    blended.sort(key=lambda pair: -pair[0])
    return blended


def blend(
    own: list[tuple[float, Candidate]],
    around: list[tuple[float, Candidate]],
    *,
    weight: float,
) -> list[tuple[float, Candidate]]:
    """The question's own fusion mixed with the fusion of it in its context, best first.

    A chunk only one list found counts zero in the other; the own list's candidate (with
    its ranks) is kept where both have it.
    """
    scores: dict[str, float] = {}
    cands: dict[str, Candidate] = {}
    for share, fused in ((1.0 - weight, own), (weight, around)):
        for score, cand in fused:
            scores[cand.chunk.id] = scores.get(cand.chunk.id, 0.0) + share * score
            cands.setdefault(cand.chunk.id, cand)
    mixed = [(scores[cid], cands[cid]) for cid in scores]
    mixed.sort(key=lambda pair: -pair[0])
    return mixed


def rrf(
    candidates: Sequence[Candidate], *, lexical_weight: float = 1.0, k: int = 60
) -> list[tuple[float, Candidate]]:
    """Reciprocal-rank fusion (the baseline the weighted fusion is measured against)."""
    scored = []
    for cand in candidates:
        score = 0.0
        if cand.dense_rank is not None:
            score += 1.0 / (k + cand.dense_rank)
        if cand.lexical_rank is not None:
            score += lexical_weight / (k + cand.lexical_rank)
        scored.append((score * (k + 1) / (1 + lexical_weight), cand))
    scored.sort(key=lambda pair: -pair[0])
    return scored
