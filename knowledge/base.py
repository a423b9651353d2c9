"""The knowledge base's parts, opened on first use: Chroma and the model take seconds."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from assistant.config import Settings
from knowledge.embeddings import make_embeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client

if TYPE_CHECKING:
    from ingest.documents.pipeline import IngestPipeline


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

    @cached_property
    def registry(self) -> KnowledgeRegistry:
        """Documents, versions and history; opens no store until an editor changes something."""
        return KnowledgeRegistry(
            session_factory=self._sessions,
            knowledge_dir=self._settings.knowledge_dir,
            indexer=lambda: self.pipeline,
        )

    @cached_property
    def pipeline(self) -> IngestPipeline:
        """Incremental ingest into the store, recorded in the registry."""
        from ingest.documents.pipeline import IngestPipeline  # knowledge/ stays importable without ingest/

        return IngestPipeline(
            store=self.store,
            registry=self.registry,
            # Only a retriever already built needs telling; a new one reads the store fresh.
            on_change=lambda: self.retriever.refresh() if "retriever" in self.__dict__ else None,
        )
