"""The lead: the one sentence of the documents that answers the question, in their words.

Two kinds of evidence, in any language pair:
- words: how much of the question a sentence covers (folded stems, longer words weigh
  more), which is exact when question and document share a language;
- meaning: the cosine of the question and the sentence under the multilingual e5 model,
  which still works when they do not (an English question, a Croatian procedure).
e5's cosines sit in a narrow band, so meaning counts by the distance to the best sentence
of this question, never by an absolute value. A sentence that is long only covers more
words by chance, so coverage is divided by a slowly growing length factor.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.chat.models import SentenceSource
from assistant.text import stems
from knowledge.models import Hit
from knowledge.sentences import MAX_PER_CHUNK, is_heading, sentences

LEAD_PASSAGES = 3  # the lead comes from the passages an operator is shown
# How far below the question's best sentence a cosine may be before it costs as much as
# all of the question's words, and what each lower passage rank costs (retrieval's order
# is strong evidence: its top passage holds the answer ~90 % of the time). Chosen on
# bench/bench_lead.py, both the answer set and StackFAQ (2026-11-28: 0.06/0.08 gave
# hr 0.92, en 0.71, StackFAQ 0.861; 0.15/0.3 gives 0.96, 0.79, 0.906).
MEANING_SPREAD = 0.15
_SHORTEST = 12
_RANK_COST = 0.3
_LONG = 25  # words; a sentence longer than this pays for its length, gently


@dataclass(frozen=True)
class Lead:
    """The answering sentence and its source (0-based index into the answer's sources)."""

    source: int | None
    sentence: str
    score: float = 0.0


NO_LEAD = Lead(None, "")


def matches(term: str, words: set[str]) -> bool:
    """A question stem is among the words, or a prefix match of four letters or more."""
    if term in words:
        return True
    return len(term) >= 4 and any(
        len(w) >= 4 and (w.startswith(term) or term.startswith(w)) for w in words
    )


def coverage(sentence: str, query: set[str]) -> float:
    """The share of the question's words (weighted by length) that the sentence holds."""
    if not query:
        return 0.0
    words = set(stems(sentence))
    total = sum(min(len(q), 8) for q in query)
    return sum(min(len(q), 8) for q in query if matches(q, words)) / total


def candidates(hits: Sequence[Hit], *, top: int = LEAD_PASSAGES) -> list[tuple[int, str]]:
    """(source index, sentence) of the top passages, headings and fragments left out."""
    out, seen = [], set()
    for rank, hit in enumerate(hits[:top]):
        for sentence in sentences(hit.chunk.text):
            if len(sentence) < _SHORTEST or is_heading(sentence, hit.chunk) or sentence in seen:
                continue
            seen.add(sentence)
            out.append((rank, sentence))
    return out


def choose(
    query: set[str],
    hits: Sequence[Hit],
    *,
    vectors: Mapping[str, np.ndarray] | None = None,
    question_vector: np.ndarray | None = None,
    top: int = LEAD_PASSAGES,
    allowed: Callable[[str], bool] | None = None,
) -> Lead:
    """The best sentence of the top passages by words and meaning together.

    `query` is the question's content stems; `vectors` maps sentence text to its unit
    vector (kept at ingest), `question_vector` is the question's. Without vectors the
    words alone choose, and with no word in common nothing is chosen. Only sentences
    `allowed` accepts are candidates (those naming the product SQL answered for).
    """
    found = [(r, s) for r, s in candidates(hits, top=top) if allowed is None or allowed(s)]
    if not found:
        return NO_LEAD
    words = [coverage(s, query) for _r, s in found]
    meaning = _meaning(found, vectors, question_vector)
    if meaning is None and max(words) <= 0:
        return NO_LEAD
    best = NO_LEAD
    for i, (rank, sentence) in enumerate(found):
        length = max(1.0, len(sentence.split()) / _LONG)
        score = words[i] / math.sqrt(length) - _RANK_COST * rank
        if meaning is not None:
            score += meaning[i]
        if best.source is None or score > best.score:
            best = Lead(rank, sentence, score)
    return best


def _meaning(
    found: list[tuple[int, str]],
    vectors: Mapping[str, np.ndarray] | None,
    question: np.ndarray | None,
) -> list[float] | None:
    """Each sentence's cosine as a cost below the best one: 0 for the best, -1 a spread away."""
    if question is None or not vectors:
        return None
    q = np.asarray(question, dtype=np.float32)
    q = q / (np.linalg.norm(q) or 1.0)
    cosines = [float(vectors[s] @ q) if s in vectors else None for _r, s in found]
    known = [c for c in cosines if c is not None]
    if not known:
        return None
    top = max(known)
    # A sentence without a vector (cut off past the ones kept) counts as the worst known.
    floor = min(known)
    return [max(-1.5, ((c if c is not None else floor) - top) / MEANING_SPREAD) for c in cosines]


def embed_now(
    model: Embeddings, hits: Sequence[Hit], *, top: int = LEAD_PASSAGES
) -> dict[str, np.ndarray]:
    """Vectors of the top passages' sentences embedded now (no store keeps them: tests)."""
    texts = [s for _r, s in candidates(hits, top=top)][:MAX_PER_CHUNK]
    if not texts:
        return {}
    vectors = np.asarray(model.embed_documents(texts), dtype=np.float32)
    return {t: v / (np.linalg.norm(v) or 1.0) for t, v in zip(texts, vectors, strict=True)}


def lead_for(
    question: str,
    query: set[str],
    shown: Sequence[Hit],
    *,
    found: Sequence[Hit],
    sentences: SentenceSource | None,
    embeddings: Embeddings | None,
    allowed: Callable[[str], bool] | None = None,
) -> Lead:
    """The lead of the shown passages, with vectors kept at ingest when a store has them.

    `found` are the retrieved hits before merging (their chunks hold the vectors);
    `allowed` as for `choose`.
    """
    top = {cid for hit in shown[:LEAD_PASSAGES] for cid in hit.merged or (hit.chunk.id,)}
    vectors: Mapping[str, np.ndarray] | None = None
    if sentences is not None:
        vectors = sentences.sentence_vectors([h.chunk for h in found if h.chunk.id in top])
    elif embeddings is not None:
        vectors = embed_now(embeddings, shown)
    question_vector = None
    if vectors and embeddings is not None:
        # The retriever embedded the same question a moment ago: the model caches it.
        question_vector = np.asarray(embeddings.embed_query(question), dtype=np.float32)
    return choose(query, shown, vectors=vectors, question_vector=question_vector, allowed=allowed)
