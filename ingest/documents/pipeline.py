"""Incremental ingest: new, changed and removed files, a result per file, no file stops a batch."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from assistant.i18n import _
from ingest.documents.document import LoadedDocument, Unusable
from ingest.documents.files import (
    FileResult,
    content_hash,
    find_files,
    from_registry,
    infer_kind,
    password_for,
    result_of,
    since,
    unchanged,
)
from ingest.documents.progress import IngestEvents
from ingest.documents.splitting import split_document
from ingest.documents.worker import DEFAULT_TIME_LIMIT, LoaderWorker
from knowledge.models import KINDS, Chunk
from knowledge.registry import SERVED, DocumentInfo, KnowledgeRegistry
from knowledge.store import KnowledgeStore


class IngestPipeline:
    """Reads files in a worker, splits them, writes only new chunks, records each outcome."""

    def __init__(
        self,
        *,
        store: KnowledgeStore,
        registry: KnowledgeRegistry,
        time_limit: float = DEFAULT_TIME_LIMIT,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._registry = registry
        self.time_limit = time_limit
        # Told once after a batch that changed the store (the lexical index rebuilds).
        self._on_change = on_change
        self._changed = False
        self._worker: LoaderWorker | None = None

    @property
    def store(self) -> KnowledgeStore:
        """The vector store written to (editors ping it before a change)."""
        return self._store

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        by: str,
        kind: str | None = None,
        prune: bool = False,
        passwords: Mapping[str, str] | None = None,
        force: bool = False,
        events: IngestEvents | None = None,
    ) -> list[FileResult]:
        """Ingest files and folders; with `prune`, retire documents whose files are gone."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
        told = events or IngestEvents()
        files = list(find_files(paths))
        told.started(files=len(files))
        results: list[FileResult] = []
        try:
            for path in files:
                told.file_started(path)
                password = password_for(path, passwords or {})
                result = self._ingest_one(
                    path, by=by, kind=kind, password=password, force=force, events=told
                )
                results.append(result)
                told.file_done(result)
            if prune:
                for result in self.prune([p for p in paths if p.is_dir()], by=by):
                    results.append(result)
                    told.file_done(result)
        finally:
            self._finish()
            told.finished(results)
        return results

    def ingest_file(
        self,
        path: Path,
        *,
        by: str,
        kind: str | None = None,
        action: str | None = None,
        password: str | None = None,
        force: bool = False,
        events: IngestEvents | None = None,
    ) -> FileResult:
        """Ingest one file on its own (an editor's publish), then stop the reader process."""
        told = events or IngestEvents()
        told.started(files=1)
        told.file_started(path)
        results: list[FileResult] = []
        try:
            result = self._ingest_one(
                path, by=by, kind=kind, action=action, password=password, force=force, events=told
            )
            results.append(result)
            told.file_done(result)
            return result
        finally:
            self._finish()
            told.finished(results)

    def _ingest_one(
        self,
        path: Path,
        *,
        by: str,
        kind: str | None = None,
        action: str | None = None,
        password: str | None = None,
        force: bool = False,
        events: IngestEvents,
    ) -> FileResult:
        """Unchanged files cost a hash; changed ones embed only their new chunks."""
        started = time.perf_counter()
        shown = str(path)
        if not path.is_file():
            return FileResult(shown, "failed", 0, _("no such file"), seconds=since(started))
        source = self._registry.source_key(path)
        try:
            digest = content_hash(path)
        except OSError as exc:
            reason = _("cannot read the file ({error})").format(error=exc.strerror)
            return FileResult(shown, "failed", 0, reason)
        before = self._registry.get(source=source)
        if before and not force and unchanged(before, digest, kind, password):
            return from_registry(shown, before, started)
        try:
            loaded = self._load(path, password)
        except Unusable as exc:
            return self._unusable(path, source, digest, kind, before, exc, by, started)
        doc_kind = kind or (loaded.kind if loaded.kind in KINDS else None) or infer_kind(path)
        served = before is not None and before.status == SERVED
        version = before.version + (before.status in (SERVED, "retired")) if before else 1
        chunks = split_document(
            loaded, source=source, kind=doc_kind, version=version, file_name=path.name
        )
        if not chunks:
            empty = Unusable("skipped", _("no text to index"))
            return self._unusable(path, source, digest, kind, before, empty, by, started)
        old_ids = before.chunk_ids if served and before else ()
        added, removed = self._replace(chunks, old_ids, path, loaded.pages, events)
        info = self._registry.record(
            source=source,
            kind=doc_kind,
            title=loaded.title,
            content_hash=digest,
            pages=loaded.pages,
            chunk_ids=[c.id for c in chunks],
            status=SERVED,
            reason=None,
            by=by,
            action=action,
            # The history note is read by editors on the Knowledge page.
            note=_("{chunks} chunks: {added} new, {removed} removed").format(
                chunks=len(chunks), added=added, removed=removed
            ),
        )
        return result_of(shown, info, "indexed", started, added=added, removed=removed)

    def preview(self, path: Path, *, kind: str | None = None) -> list[Chunk]:
        """The chunks a file would give, without indexing it (editors check before publishing)."""
        # A reader of its own: an ingest may be using the pipeline's reader meanwhile.
        with LoaderWorker(time_limit=self.time_limit) as worker:
            loaded = worker.load(path, password=None)
        doc_kind = kind or (loaded.kind if loaded.kind in KINDS else None) or infer_kind(path)
        source = self._registry.source_key(path)
        return split_document(loaded, source=source, kind=doc_kind, file_name=path.name)

    def prune(self, roots: Sequence[Path], *, by: str) -> list[FileResult]:
        """Retire documents under `roots` whose files no longer exist."""
        resolved = [r.resolve() for r in roots]
        results: list[FileResult] = []
        for doc in self._registry.list_documents():
            path = self._registry.path_of(doc.source).resolve()
            if doc.status == "retired" or path.exists():
                continue
            if any(root == path or root in path.parents for root in resolved):
                self._store.delete(list(doc.chunk_ids))
                self._changed = self._changed or bool(doc.chunk_ids)
                gone = _("file removed")
                info = self._registry.mark_retired(source=doc.source, by=by, reason=gone)
                results.append(
                    FileResult(
                        str(path),
                        "retired",
                        0,
                        gone,
                        source=doc.source,
                        kind=info.kind,
                        title=info.title,
                        version=info.version,
                        removed=len(doc.chunk_ids),
                    )  # fmt: skip
                )
        return results

    def remove_chunks(self, ids: Sequence[str]) -> None:
        """Delete chunks from the store (a retired document's)."""
        self._store.delete(list(ids))
        self._changed = True
        self._finish()

    def close(self) -> None:
        """Stop the reader process, if one runs."""
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _finish(self) -> None:
        self.close()
        if self._changed and self._on_change is not None:
            self._on_change()
        self._changed = False

    def _load(self, path: Path, password: str | None) -> LoadedDocument:
        if self._worker is None:
            self._worker = LoaderWorker(time_limit=self.time_limit)
        return self._worker.load(path, password=password)

    def _replace(
        self,
        chunks: list[Chunk],
        old_ids: Sequence[str],
        path: Path,
        pages: int | None,
        events: IngestEvents,
    ) -> tuple[int, int]:
        """Write the chunks not stored yet, then delete the old ones no longer produced."""
        new_ids = {c.id for c in chunks}
        stored = self._store.existing([c.id for c in chunks])
        fresh = [c for c in chunks if c.id not in stored]
        events.file_read(path, pages=pages, chunks=len(chunks), new=len(fresh))
        # Write before deleting: a crash in between leaves the old version answering.
        self._store.upsert(fresh, on_batch=events.embedded)
        gone = [i for i in old_ids if i not in new_ids]
        self._store.delete(gone)
        self._changed = self._changed or bool(fresh or gone)
        return len(fresh), len(gone)

    def _unusable(
        self,
        path: Path,
        source: str,
        digest: str,
        kind: str | None,
        before: DocumentInfo | None,
        exc: Unusable,
        by: str,
        started: float,
    ) -> FileResult:
        if before is not None and before.status == SERVED:
            # The file changed and the new version cannot be read: keep serving the old one.
            self._registry.record_failure(source=source, by=by, reason=exc.reason)
            return FileResult(
                str(path), exc.status, 0, _("{reason} (version {version} still served)").format(
                    reason=exc.reason, version=before.version),
                source=source, kind=before.kind, title=before.title, version=before.version,
                seconds=since(started),
            )  # fmt: skip
        info = self._registry.record(
            source=source,
            kind=kind or infer_kind(path),
            title=path.stem,
            content_hash=digest,
            pages=None,
            chunk_ids=[],
            status=exc.status,
            reason=exc.reason,
            by=by,
        )
        return result_of(str(path), info, exc.status, started)


def ingest_sources_if_empty(
    *, pipeline: IngestPipeline, registry: KnowledgeRegistry, by: str = "desk"
) -> list[FileResult] | None:
    """Ingest the shipped knowledge folder when the registry is empty (first start)."""
    if registry.count() > 0:
        return None
    return pipeline.ingest([registry.knowledge_dir], by=by, prune=True)
