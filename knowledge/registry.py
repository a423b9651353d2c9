"""The registry of knowledge documents: versions, content hashes and who changed what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.errors import DeskError
from assistant.timeutil import utcnow
from knowledge.registry_models import KnowledgeDocument, KnowledgeEvent

# Statuses under which a document's chunks are in the store and served.
SERVED = "indexed"
EDITABLE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class DocumentInfo:
    """A document as the editors' page shows it."""

    source: str
    kind: str
    title: str
    version: int
    content_hash: str
    pages: int | None
    chunks: int
    chunk_ids: tuple[str, ...]
    status: str
    reason: str | None
    ingested_at: datetime
    ingested_by: str


@dataclass(frozen=True)
class DocumentEvent:
    """One change of a document: indexed, replaced, edited, retired, failed or skipped."""

    action: str
    version: int
    by: str
    at: datetime
    note: str | None


def _info(row: KnowledgeDocument) -> DocumentInfo:
    return DocumentInfo(
        source=row.source,
        kind=row.kind,
        title=row.title,
        version=row.version,
        content_hash=row.content_hash,
        pages=row.pages,
        chunks=row.chunks,
        chunk_ids=tuple(row.chunk_ids or ()),
        status=row.status,
        reason=row.reason,
        ingested_at=row.ingested_at,
        ingested_by=row.ingested_by,
    )


class KnowledgeRegistry:
    """Rows in kb_documents and kb_events; the ingest pipeline and the editors write them."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        knowledge_dir: Path,
    ) -> None:
        self._sessions = session_factory
        self.knowledge_dir = knowledge_dir

    # -- keys ------------------------------------------------------------------------------
    def source_key(self, path: Path) -> str:
        """A file's registry key: relative to the knowledge folder, else its absolute path."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.knowledge_dir.resolve()).as_posix()
        except ValueError:
            return resolved.as_posix()

    def path_of(self, source: str) -> Path:
        """The file a registry key stands for."""
        path = Path(source)
        return path if path.is_absolute() else self.knowledge_dir / path

    # -- reading ---------------------------------------------------------------------------
    def get(self, *, source: str) -> DocumentInfo | None:
        """One document, or None when the registry has never seen it."""
        with self._sessions() as session:
            row = self._row(session, source)
            return _info(row) if row else None

    def count(self) -> int:
        """How many documents the registry holds (any status)."""
        with self._sessions() as session:
            return int(session.scalar(select(func.count(KnowledgeDocument.id))) or 0)

    def list_documents(
        self, *, kind: str | None = None, status: str | None = None
    ) -> list[DocumentInfo]:
        """Documents ordered by source, optionally of one kind or status."""
        query = select(KnowledgeDocument).order_by(KnowledgeDocument.source)
        if kind:
            query = query.where(KnowledgeDocument.kind == kind)
        if status:
            query = query.where(KnowledgeDocument.status == status)
        with self._sessions() as session:
            return [_info(row) for row in session.scalars(query)]

    def history(self, *, source: str) -> list[DocumentEvent]:
        """Every change of one document, oldest first."""
        with self._sessions() as session:
            row = self._row(session, source)
            if row is None:
                raise DeskError(f"No document {source!r} in the knowledge base.")
            events = session.scalars(
                select(KnowledgeEvent)
                .where(KnowledgeEvent.document_id == row.id)
                .order_by(KnowledgeEvent.at, KnowledgeEvent.id)
            )
            return [DocumentEvent(e.action, e.version, e.by, e.at, e.note) for e in events]

    def changed_since(
        self, *, since: datetime, kind: str | None = "procedure"
    ) -> list[DocumentInfo]:
        """Served documents changed after `since`, newest first ("changed since your shift")."""
        query = (
            select(KnowledgeDocument)
            .where(KnowledgeDocument.ingested_at > since, KnowledgeDocument.status == SERVED)
            .order_by(KnowledgeDocument.ingested_at.desc())
        )
        if kind:
            query = query.where(KnowledgeDocument.kind == kind)
        with self._sessions() as session:
            return [_info(row) for row in session.scalars(query)]

    def source_text(self, *, source: str) -> str:
        """The current text of an editable (Markdown or text) document, for the editor."""
        return self.editable_path(source).read_text(encoding="utf-8")

    # -- writing (by the pipeline and the editors) ----------------------------------------
    def record(
        self,
        *,
        source: str,
        kind: str,
        title: str,
        content_hash: str,
        pages: int | None,
        chunk_ids: Sequence[str],
        status: str,
        reason: str | None,
        by: str,
        action: str | None = None,
        note: str | None = None,
    ) -> DocumentInfo:
        """Store the outcome of ingesting a file: the row and its event, in one transaction."""
        with self._sessions.begin() as session:
            row = self._row(session, source)
            served_before = row is not None and row.status in (SERVED, "retired")
            if row is None:
                row = KnowledgeDocument(source=source, version=1)
                session.add(row)
            elif served_before:
                row.version += 1
            # A title is read off the document: a NUL in its heading (which PostgreSQL refuses
            # in text) says nothing, so it goes; the document itself is kept as written.
            row.kind, row.title = kind, title.replace("\x00", "")[:300]
            row.content_hash = content_hash
            row.pages, row.chunk_ids, row.chunks = pages, list(chunk_ids), len(chunk_ids)
            row.status, row.reason = status, reason
            row.ingested_at, row.ingested_by = utcnow(), by[:80]
            if status == SERVED:
                default = "replaced" if served_before else "indexed"
            else:
                default = "failed" if status == "failed" else "skipped"
            session.flush()
            self._event(session, row, action or default, by, note or reason)
            return _info(row)

    def record_failure(self, *, source: str, by: str, reason: str) -> None:
        """A new version of a served document failed: the old one stays served, noted."""
        with self._sessions.begin() as session:
            row = self._row(session, source)
            if row is not None:
                self._event(session, row, "failed", by, reason)

    def mark_retired(self, *, source: str, by: str, reason: str) -> DocumentInfo:
        """Record a retirement whose chunks are already deleted (an editor's, or a prune)."""
        with self._sessions.begin() as session:
            row = self._row(session, source)
            if row is None:
                raise DeskError(f"No document {source!r} in the knowledge base.")
            if row.status == "retired":
                return _info(row)
            row.status, row.reason, row.chunk_ids, row.chunks = "retired", reason, [], 0
            row.ingested_at, row.ingested_by = utcnow(), by[:80]
            self._event(session, row, "retired", by, reason)
            return _info(row)

    # -- keys of editable documents -------------------------------------------------------
    def editable_path(self, source: str) -> Path:
        """The file of a document editors may write in the page; else a DeskError that says why."""
        path = self.path_of(source).resolve()
        root = self.knowledge_dir.resolve()
        # Editors write only inside the knowledge folder, never "../../etc".
        if root not in path.parents or path.suffix.lower() not in EDITABLE_SUFFIXES:
            raise DeskError(
                f"{source!r} is not editable: only Markdown or text files inside the "
                "knowledge folder can be edited in the page."
            )
        return path

    @staticmethod
    def _row(session: Session, source: str) -> KnowledgeDocument | None:
        return session.scalar(select(KnowledgeDocument).where(KnowledgeDocument.source == source))

    @staticmethod
    def _event(
        session: Session, row: KnowledgeDocument, action: str, by: str, note: str | None
    ) -> None:
        session.add(
            KnowledgeEvent(
                document_id=row.id, action=action, version=row.version, by=by[:80], note=note
            )
        )
