"""What the knowledge editors do: preview, publish, replace, retire, edit; the pipeline indexes."""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.editors import texts
from assistant.errors import DeskError, KnowledgeUnavailable
from assistant.i18n import _
from knowledge.availability import PUBLISH_REFUSED
from knowledge.models import Chunk
from knowledge.registry import EDITABLE_SUFFIXES, DocumentInfo, KnowledgeRegistry

if TYPE_CHECKING:
    from ingest.documents.pipeline import IngestPipeline
    from ingest.documents.progress import IngestEvents

PREVIEW_CHARS = 4000
# A procedure's name becomes its file name: far below the file systems' 255 bytes.
NAME_LIMIT = 80  # 80 letters of 3 bytes each still fit
log = logging.getLogger(__name__)
# Told after each change of a document: (source, kind, its text or None when not text, actor).
# The quizzes follow their procedures this way (training is a sibling: it is handed in).
OnChange = Callable[[str, str, str | None, Actor], None]


@dataclass(frozen=True)
class Preview:
    """What an uploaded file would put in the knowledge base, before it is published."""

    name: str
    title: str
    kind: str
    chunks: tuple[Chunk, ...]
    problem: str | None = None

    @property
    def text(self) -> str:
        """The extracted text as the chunks hold it, cut for the screen."""
        joined = "\n\n".join(_where(c) + c.text for c in self.chunks)
        return joined[:PREVIEW_CHARS] + ("\n…" if len(joined) > PREVIEW_CHARS else "")


def _where(chunk: Chunk) -> str:
    bits = [
        _("p. {page}").format(page=chunk.page) if chunk.page else "",
        chunk.heading or "",
        chunk.sku or "",
    ]
    label = " · ".join(b for b in bits if b)
    return f"[{label}]\n" if label else ""


class KnowledgeEditor:
    """The editors' actions on documents; every change goes through the registry's history.

    Each change needs the editor role. Its audit row follows the change in a transaction of
    its own: the index and the files are not in the database's transaction anyway.
    """

    def __init__(
        self,
        *,
        registry: KnowledgeRegistry,
        pipeline: Callable[[], IngestPipeline],
        sessions: sessionmaker[Session],
        on_change: OnChange | None = None,
    ) -> None:
        self.registry = registry
        self._sessions = sessions
        self._on_change = on_change
        # A callable: listing documents and history never opens Chroma or the model.
        self._pipeline = pipeline
        # One change at a time: the pipeline has one reader process and one batch state, and
        # the page's background publishes share this editor across sessions.
        self._writing = threading.Lock()

    @contextmanager
    def _indexing(self) -> Iterator[IngestPipeline]:
        with self._writing:
            # Refused up front when the Chroma server is down: no file, no registry row.
            try:
                pipeline = self._pipeline()
                pipeline.store.ping()
            except KnowledgeUnavailable as exc:
                raise KnowledgeUnavailable(_(PUBLISH_REFUSED)) from exc
            yield pipeline

    def documents(self) -> list[DocumentInfo]:
        """Every document the registry holds, served ones first."""
        docs = self.registry.list_documents()
        return sorted(docs, key=lambda d: (d.status != "indexed", d.title.casefold()))

    def editable(self) -> list[DocumentInfo]:
        """Documents whose text can be edited in the page (Markdown and text, still served)."""
        return [
            d
            for d in self.documents()
            if d.status == "indexed" and Path(d.source).suffix.lower() in EDITABLE_SUFFIXES
        ]

    def preview(self, *, name: str, data: bytes, kind: str | None = None) -> Preview:
        """The chunks an upload would give; a file that cannot be read says why."""
        from ingest.documents.document import Unusable

        safe = Path(name).name
        with tempfile.TemporaryDirectory(prefix="desk-preview-") as folder:
            path = Path(folder) / safe
            path.write_bytes(data)
            try:
                chunks = self._pipeline().preview(path, kind=kind)
            except (Unusable, DeskError) as exc:
                reason = getattr(exc, "reason", None) or getattr(exc, "message", str(exc))
                return Preview(
                    safe, safe, kind or "", (), _(texts.CANNOT_READ).format(reason=reason)
                )
        if not chunks:
            return Preview(safe, safe, kind or "", (), _(texts.NO_TEXT))
        first = chunks[0]
        return Preview(safe, first.title, first.kind, tuple(chunks))

    def publish(
        self,
        *,
        name: str,
        data: bytes,
        actor: Actor,
        kind: str | None = None,
        events: IngestEvents | None = None,
    ) -> DocumentInfo:
        """Publish an upload as a new document (or the next version of an earlier upload)."""
        audit.guard(self._sessions, actor, "knowledge.change", Path(name).name)
        safe = Path(name).name
        if not safe or safe.startswith("."):
            raise DeskError(_(texts.NOT_A_FILE_NAME).format(name=name))
        path = self.registry.knowledge_dir / "uploads" / (kind or "other") / safe
        with self._indexing() as pipeline, _restored_on_failure(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            pipeline.ingest_file(path, by=actor.name, kind=kind, events=events)
        info = self._published(self.registry.source_key(path))
        self._audit(actor, "published", info)
        self._tell(info, actor)
        return info

    def replace(
        self,
        *,
        source: str,
        name: str,
        data: bytes,
        actor: Actor,
        events: IngestEvents | None = None,
    ) -> DocumentInfo:
        """A new version of an existing document from an uploaded file of the same type."""
        audit.guard(self._sessions, actor, "knowledge.change", source)
        doc = self._served(source)
        path = self.registry.path_of(source).resolve()
        root = self.registry.knowledge_dir.resolve()
        if root not in path.parents:
            raise DeskError(_(texts.NOT_REPLACEABLE).format(title=doc.title))
        if Path(name).suffix.lower() != path.suffix.lower():
            raise DeskError(_(texts.WRONG_TYPE).format(title=doc.title, suffix=path.suffix))
        with self._indexing() as pipeline:
            old = path.read_bytes() if path.is_file() else None
            with _restored_on_failure(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                result = pipeline.ingest_file(
                    path, by=actor.name, kind=doc.kind, action="replaced", events=events
                )
            if result.status not in ("indexed", "unchanged"):
                # The old version stays served: put its file back so the folder matches the index.
                if old is not None:
                    path.write_bytes(old)
                raise DeskError(
                    _(texts.NOT_PUBLISHED).format(title=doc.title, reason=result.reason)
                )
        info = self._served(source)
        self._audit(actor, "replaced", info, before=doc)
        self._tell(info, actor)
        return info

    def retire(self, *, source: str, actor: Actor, reason: str | None = None) -> DocumentInfo:
        """Take a document out of the answers: its chunks deleted, its history kept."""
        audit.guard(self._sessions, actor, "knowledge.change", source)
        reason = reason or _("retired by an editor")
        doc = self._served(source)
        if doc.chunk_ids:
            with self._indexing() as pipeline:
                pipeline.remove_chunks(doc.chunk_ids)
        info = self.registry.mark_retired(source=source, by=actor.name, reason=reason)
        self._audit(actor, "retired", info, before=doc)
        self._tell(info, actor, text="")
        return info

    def text_of(self, source: str) -> str:
        """The Markdown of an editable document."""
        return self.registry.source_text(source=source)

    def save_text(
        self, *, source: str, text: str, actor: Actor, events: IngestEvents | None = None
    ) -> DocumentInfo:
        """Save edited Markdown as the document's new version and index it."""
        audit.guard(self._sessions, actor, "knowledge.change", source)
        path = self.registry.editable_path(source)
        if not text.strip():
            raise DeskError(_(texts.EMPTY_TEXT))
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            with self._indexing() as pipeline, _restored_on_failure(path):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                pipeline.ingest_file(path, by=actor.name, action="edited", events=events)
        info = self._published(source)
        if info.status != "indexed":
            raise DeskError(_(texts.NOT_PUBLISHED).format(title=info.title, reason=info.reason))
        self._audit(actor, "edited", info)
        self._tell(info, actor)
        return info

    def new_procedure_source(self, name: str) -> str:
        """The registry key of a new procedure called `name` (procedures/name.md)."""
        if len(name) > NAME_LIMIT:  # else the file system refuses the file name, unexplained
            raise DeskError(_(texts.NAME_TOO_LONG).format(length=len(name), limit=NAME_LIMIT))
        stem = "-".join("".join(ch if ch.isalnum() else " " for ch in name).split()).lower()
        if not stem:
            raise DeskError(_(texts.NEED_NAME))
        if self.registry.get(source=f"procedures/{stem}.md") is not None:
            raise DeskError(_(texts.NAME_TAKEN).format(name=name))
        return f"procedures/{stem}.md"

    def _audit(
        self, actor: Actor, change: str, info: DocumentInfo, before: DocumentInfo | None = None
    ) -> None:
        after = {"change": change, "status": info.status, "version": info.version}
        was = {"status": before.status, "version": before.version} if before else None
        with self._sessions.begin() as session:
            audit.record(session, actor, "knowledge.change", info.source, before=was, after=after)

    def _tell(self, info: DocumentInfo, actor: Actor, text: str | None = None) -> None:
        """Tell who follows the documents (the quizzes); their failure never undoes a change."""
        if self._on_change is None:
            return
        if text is None and info.status == "indexed":
            path = self.registry.path_of(info.source)
            if path.suffix.lower() in EDITABLE_SUFFIXES and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
        try:
            self._on_change(info.source, info.kind, text, actor)
        except Exception:  # noqa: BLE001 - the document is published; the rest is logged
            log.exception("following the change of %s failed", info.source)

    def _published(self, source: str) -> DocumentInfo:
        info = self.registry.get(source=source)
        if info is None:
            raise DeskError(_(texts.NOT_INDEXED).format(source=source))
        return info

    def _served(self, source: str) -> DocumentInfo:
        doc = self.registry.get(source=source)
        if doc is None:
            raise DeskError(_(texts.NO_DOCUMENT).format(source=source))
        return doc


@contextmanager
def _restored_on_failure(path: Path) -> Iterator[None]:
    """The file as it was when indexing fails (e.g. Chroma lost mid-way): the folder keeps
    matching the registry, which records a version only after its chunks are stored."""
    old = path.read_bytes() if path.is_file() else None
    try:
        yield
    except BaseException:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old)
        raise
