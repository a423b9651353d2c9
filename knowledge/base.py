"""The knowledge base's parts, opened on first use: Chroma and the model take seconds."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings
from knowledge.embeddings import make_embeddings
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client


class KnowledgeBase:
    """Store, retriever, registry and ingest pipeline for one desk."""

    def __init__(self, *, settings: Settings, session_factory: sessionmaker[Session]) -> None:
        self._settings = settings
        self._sessions = session_factory

    @cached_property
    def store(self) -> KnowledgeStore:
        """The Chroma collection (on disk, or the server at DESK_CHROMA_URL)."""
        client = make_client(url=self._settings.chroma_url, path=self._settings.chroma_path)
        return KnowledgeStore(client=client, embeddings=make_embeddings(self._settings.embeddings))

    @cached_property
    def retriever(self) -> Retriever:
        """Hybrid retrieval over the store; its lexical index follows the store's changes."""
        return Retriever(store=self.store)
