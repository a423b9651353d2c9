"""Our own types for the knowledge base; LangChain objects stay inside knowledge/."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_core.documents import Document

KINDS = ("catalog", "prices", "procedure", "other")

# Metadata keys Chroma stores per chunk (values must be str, int, float or bool).
_META_KEYS = ("doc", "title", "kind", "page", "heading", "sku", "client_types", "version", "source")


def chunk_id(doc: str, text: str) -> str:
    """A chunk's id from its document and content: unchanged text keeps its id."""
    return hashlib.sha256(f"{doc}\x00{text}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage of a document, with where it comes from."""

    id: str
    doc: str  # the registry key of its document (its source path)
    text: str
    title: str
    kind: str = "other"
    page: int | None = None  # 1-based PDF page
    heading: str | None = None  # Markdown heading path, "Credit > Overdue debt"
    sku: str | None = None  # catalogue and price rows
    client_types: tuple[str, ...] = ()  # empty: for every client type
    version: int = 1
    source: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def make(cls, *, doc: str, text: str, title: str, **fields: Any) -> Chunk:
        """A chunk whose id is derived from its content."""
        return cls(id=chunk_id(doc, text), doc=doc, text=text, title=title, **fields)

    def metadata(self) -> dict[str, str | int | float | bool]:
        """Flat metadata for the vector store (None values dropped, lists joined)."""
        values: dict[str, Any] = {
            "doc": self.doc,
            "title": self.title,
            "kind": self.kind,
            "page": self.page,
            "heading": self.heading,
            "sku": self.sku,
            "client_types": ";".join(self.client_types),
            "version": self.version,
            "source": self.source,
        }
        return {k: v for k, v in values.items() if v is not None}

    def to_document(self) -> Document:
        """The LangChain document stored in Chroma."""
        return Document(page_content=self.text, metadata=self.metadata(), id=self.id)

    @classmethod
    def from_document(cls, document: Document, *, id: str | None = None) -> Chunk:
        """Back from a LangChain document (as Chroma returns it)."""
        meta = dict(document.metadata or {})
        types = str(meta.get("client_types") or "")
        page = meta.get("page")
        return cls(
            id=id or str(document.id or chunk_id(str(meta.get("doc", "")), document.page_content)),
            doc=str(meta.get("doc", "")),
            text=document.page_content,
            title=str(meta.get("title", "")),
            kind=str(meta.get("kind", "other")),
            page=int(page) if page is not None else None,
            heading=meta.get("heading"),
            sku=meta.get("sku"),
            client_types=tuple(t for t in types.split(";") if t),
            version=int(meta.get("version", 1)),
            source=str(meta.get("source", "")),
            extra={k: v for k, v in meta.items() if k not in _META_KEYS},
        )


@dataclass(frozen=True)
class Hit:
    """A chunk retrieved for a question, with its fused score and how it was found."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    # Overlapping chunks of one document shown as one passage: the last page it spans
    # and the ids of the chunks merged into it (the first is `chunk.id`).
    last_page: int | None = None
    merged: tuple[str, ...] = ()

    def as_source(self) -> dict[str, Any]:
        """The `sources` entry of `desk ask --json`."""
        return {
            "doc": self.chunk.doc,
            "title": self.chunk.title,
            "page": self.chunk.page,
            "last_page": self.last_page or self.chunk.page,
            "chunk_id": self.chunk.id,
            "chunk_ids": list(self.merged or (self.chunk.id,)),
            "text": self.chunk.text,
            "score": round(self.score, 4),
        }
