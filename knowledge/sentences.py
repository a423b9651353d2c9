"""Passages cut into sentences, and each sentence's vector kept beside its chunk.

The answer's lead is one sentence of the top passages, chosen partly by its embedding.
Embedding ~40 sentences per question costs far more than the 50 ms the lead may add, so
the vectors are computed when a chunk is written and read back by chunk id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from knowledge.models import Chunk

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_BLOCK_START = re.compile(r"([-*•+] |#|\d+[.)] |\||[A-Z0-9]{2,}-\d)")
# Sentences embedded per chunk: a catalogue page lists many rows, and a lead is one of the
# first lines of a passage far more often than its fortieth.
MAX_PER_CHUNK = 40
_SHORTEST = 12  # "Rules", "Example:" say nothing on their own: never a lead, never embedded


def unwrap(text: str) -> str:
    """Hard-wrapped lines joined back; bullets, headings, table rows and blanks start anew."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if out and line and out[-1] and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(line for line in out if line)


def sentences(text: str) -> list[str]:
    """A passage cut into sentences and list lines; headings and blanks dropped."""
    out = []
    for part in _SENTENCE_END.split(unwrap(text)):
        part = part.strip().lstrip("-*• ").strip()
        if part and not part.startswith("#"):
            out.append(part)
    return out


def is_heading(sentence: str, chunk: Chunk) -> bool:
    """The heading path a splitter puts first ("Delivery terms > Islands") is not an answer."""
    names = {chunk.title, chunk.heading or ""}
    return sentence in names or " > " in sentence and len(sentence) < 160


def embeddable(chunk: Chunk) -> list[str]:
    """The sentences of a chunk worth a vector, in reading order, without repeats."""
    kept = [s for s in sentences(chunk.text) if len(s) >= _SHORTEST and not is_heading(s, chunk)]
    return list(dict.fromkeys(kept))[:MAX_PER_CHUNK]


class SentenceVectors:
    """A side collection of the store: one row per sentence, found by its chunk's id."""

    def __init__(self, *, client: Any, embeddings: Embeddings, name: str) -> None:
        self._embeddings = embeddings
        # No HNSW search ever runs here (rows are read by chunk id), but Chroma builds the
        # index anyway; cosine keeps it consistent with the passages' collection.
        self._rows = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def index(self, chunks: Sequence[Chunk]) -> dict[str, np.ndarray]:
        """Embed and keep the sentences of `chunks` (e5's "passage: " side); their vectors."""
        ids, texts, metas = [], [], []
        for chunk in chunks:
            for at, sentence in enumerate(embeddable(chunk)):
                ids.append(f"{chunk.id}:{at}")
                texts.append(sentence)
                metas.append({"chunk": chunk.id, "at": at})
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), 256):
            part = slice(start, start + 256)
            vectors = np.asarray(self._embeddings.embed_documents(texts[part]), dtype=np.float32)
            self._rows.upsert(
                ids=ids[part], embeddings=vectors, documents=texts[part], metadatas=metas[part]
            )
            out.update((t, _unit(v)) for t, v in zip(texts[part], vectors, strict=True))
        return out

    def delete(self, chunk_ids: Sequence[str]) -> None:
        """Forget the sentences of removed chunks."""
        for start in range(0, len(chunk_ids), 256):
            self._rows.delete(where={"chunk": {"$in": list(chunk_ids[start : start + 256])}})

    def of(self, chunks: Iterable[Chunk], *, backfill: bool = True) -> dict[str, np.ndarray]:
        """Unit vectors by sentence text for these chunks' sentences.

        A chunk written before sentences were kept has none: with `backfill` its
        sentences are embedded now and stored, so only its first question pays.
        """
        chunks = list(chunks)
        if not chunks:
            return {}
        # Rows are read by id (chunk id and position): a `where` on the chunk id scans
        # metadata and took ~20 ms with 200,000 sentences kept, ids take ~1.5 ms.
        got = self._rows.get(
            ids=[f"{c.id}:{at}" for c in chunks for at in range(MAX_PER_CHUNK)],
            include=["embeddings", "documents"],
        )
        vectors = got["embeddings"] if got["embeddings"] is not None else []
        out = {text: _unit(v) for text, v in zip(got["documents"], vectors, strict=True)}
        have = {row.rsplit(":", 1)[0] for row in got["ids"]}
        missing = [c for c in chunks if c.id not in have and embeddable(c)]
        if missing and backfill:
            out.update(self.index(missing))
        return out

    def count(self) -> int:
        """How many sentences are kept."""
        return int(self._rows.count())


def _unit(vector: Any) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    return v / (np.linalg.norm(v) or 1.0)
