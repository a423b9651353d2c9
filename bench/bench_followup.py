"""Follow-up questions over the shipped procedures: the fact found with and without context.

Follow-up precision: the share of follow-ups whose top passage (rank 1 of the search the
Ask answerer runs without an LLM) matches the fact expected for the follow-up, a regex.
"With context" searches the follow-up after its first question (what the chat and
`desk ask --after` do); "without" searches it alone. Standalone questions must not get
worse: the first questions are searched alone, and after an unrelated question (the
first question of a pair on another subject), and compared the same way.

Run: .venv/bin/python -m bench.bench_followup
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.chat import followup
from assistant.config import PROJECT_ROOT
from assistant.db import make_engine, make_session_factory, migrate
from bench.followup_data import PAIRS
from bench.retrieval_corpus import CachedEmbeddings
from knowledge.models import Hit
from knowledge.registry import KnowledgeRegistry
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client

SOURCES = PROJECT_ROOT / "knowledge" / "sources"
TARGET = 0.8


def shipped_retriever(embeddings: CachedEmbeddings) -> Retriever:
    """The shipped knowledge folder ingested as `desk ingest` does, in a scratch store."""
    from ingest.documents.pipeline import IngestPipeline

    scratch = Path(tempfile.mkdtemp(prefix="bench-followup-"))
    engine = make_engine(f"sqlite:///{scratch / 'desk.db'}")
    migrate(engine)
    registry = KnowledgeRegistry(
        session_factory=make_session_factory(engine), knowledge_dir=SOURCES
    )
    store = KnowledgeStore(
        client=make_client(url=None, path=scratch / "chroma"), embeddings=embeddings
    )
    IngestPipeline(store=store, registry=registry).ingest([SOURCES], by="bench")
    return Retriever(store=store)


def search_after(retriever: Retriever, question: str, earlier: Sequence[str]) -> list[Hit]:
    """What the answerer searches without an LLM (Answerer._in_context)."""
    return retriever.search(
        question,
        k=5,
        context=followup.context_text(earlier),
        context_weight=followup.context_weight(question) if earlier else 0.0,
    )


def precision(
    cases: Sequence[tuple[str, Sequence[str], str]], search: Callable
) -> tuple[float, list[str]]:
    """Share of (question, earlier, fact) whose top passage matches the fact; the misses."""
    misses = []
    for question, earlier, fact in cases:
        hits = search(question, earlier)
        if not hits or not re.search(fact, " ".join(hits[0].chunk.text.split())):
            misses.append(question)
    return 1 - len(misses) / len(cases), misses


def main(argv: list[str] | None = None) -> int:
    embeddings = CachedEmbeddings()
    retriever = shipped_retriever(embeddings)
    search = lambda q, earlier: search_after(retriever, q, earlier)  # noqa: E731
    with_context, missed = precision([(p.follow_up, [p.first], p.fact) for p in PAIRS], search)
    alone, _ = precision([(p.follow_up, [], p.fact) for p in PAIRS], search)
    # An unrelated earlier question: the first question of the pair half the list away.
    shift = len(PAIRS) // 2
    unrelated = [PAIRS[(i + shift) % len(PAIRS)].first for i in range(len(PAIRS))]
    first_alone, _ = precision([(p.first, [], p.first_fact) for p in PAIRS], search)
    first_after, _ = precision(
        [(p.first, [u], p.first_fact) for p, u in zip(PAIRS, unrelated, strict=True)], search
    )
    embeddings.save()
    ok = with_context >= TARGET
    kept = first_after >= first_alone
    print(f"follow-up pairs: {len(PAIRS)} over {SOURCES.relative_to(PROJECT_ROOT)}")
    print(f"follow-up precision without context      {alone:.3f}")
    print(
        f"follow-up precision with context         {with_context:.3f}   "
        f"target >= {TARGET}  {'OK' if ok else 'MISSED'}"
    )
    if missed:
        print("  missed with context: " + " | ".join(missed))
    print(f"first questions alone                    {first_alone:.3f}")
    print(
        f"first questions after an unrelated one   {first_after:.3f}   "
        f"target >= alone  {'OK' if kept else 'MISSED'}"
    )
    return 0 if ok and kept else 1


if __name__ == "__main__":
    raise SystemExit(main())
