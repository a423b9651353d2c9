"""`desk ingest`: catalogues, price terms and procedures into the knowledge base."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from assistant.auth import audit
from assistant.cli.output import acting, fail
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.i18n import N_, _, ngettext
from ingest.documents.progress import Fanout, IngestEvents

if TYPE_CHECKING:
    from ingest.documents.files import FileResult

HELP = _(
    "Index documents (PDF, Markdown, CSV/XLSX, DOCX, TXT); unchanged files are skipped.\n\n"
    "Exit code: 0 when no file failed, 1 when any did (skipped files such as scans do not count)."
)
_MARK = {"indexed": "+", "unchanged": "=", "skipped": "~", "failed": "!", "retired": "-"}
# A file's status as people read it (the JSON keeps the code).
_STATUS = {
    "indexed": N_("indexed"),
    "unchanged": N_("unchanged"),
    "skipped": N_("skipped"),
    "failed": N_("failed"),
    "retired": N_("retired"),
}
# How many files ended in each status, in the summary line.
_COUNTED = {
    "indexed": N_("{n} indexed"),
    "unchanged": N_("{n} unchanged"),
    "skipped": N_("{n} skipped"),
    "failed": N_("{n} failed"),
    "retired": N_("{n} retired"),
}


def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=_("Files and folders; the shipped knowledge folder when none given.")),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help=_("catalog, prices, procedure or other; else from the folder/file name.")
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help=_("Retire documents whose files are gone from FOLDERS."))
    ] = False,
    password: Annotated[
        list[str] | None,
        typer.Option("--password", help=_("FILE=PASSWORD for an encrypted PDF (repeatable).")),
    ] = None,
    time_limit: Annotated[
        float, typer.Option(help=_("Seconds one file may take to read before it fails."))
    ] = 20.0,
    force: Annotated[
        bool, typer.Option("--force", help=_("Read every file again, even unchanged ones."))
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help=_("Print a JSON list, one per file."))
    ] = False,
) -> None:
    """Index documents (PDF, Markdown, CSV/XLSX, DOCX, TXT); unchanged files are skipped.

    Exit code: 0 when no file failed, 1 when any did (skipped files such as scans do not count).
    """
    from assistant.db import ensure_ready
    from assistant.services import build_services
    from ingest.documents.status import StatusWriter

    try:
        if kind is not None and kind not in ("catalog", "prices", "procedure", "other"):
            raise DeskError(
                _("--kind {kind!r}: use catalog, prices, procedure or other.").format(kind=kind)
            )
        passwords = _passwords(password or [])
        services = build_services(Settings())
        ensure_ready(services.engine)
        actor = acting(services, as_json=as_json)
        audit.guard(services.sessions, actor, "knowledge.change", "ingest")
        pipeline = services.ingest_pipeline
        pipeline.time_limit = time_limit
        results = pipeline.ingest(
            paths or [services.settings.knowledge_dir],
            by=actor.name,
            kind=kind,
            prune=prune,
            passwords=passwords,
            force=force,
            # The status file tells the desk (another process) that indexing is under way.
            events=Fanout(StatusWriter(services.indexing), _screen(as_json, Console())),
        )
        # The quizzes follow the procedures: questions of a changed passage are retired.
        services.quizzes.generate_all(actor=actor)
        with services.sessions.begin() as session:
            counts = {s: sum(r.status == s for r in results) for s in _COUNTED}
            audit.record(session, actor, "knowledge.change", "ingest", after=counts)
    except DeskError as err:
        fail(err, as_json)
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False))
    else:
        typer.echo(_summary(results))
    if any(r.status == "failed" for r in results):
        raise typer.Exit(1)


def _passwords(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, secret = pair.partition("=")
        if not sep or not name:
            raise DeskError(_("--password {pair!r}: write FILE=PASSWORD.").format(pair=pair))
        out[name] = secret
    return out


def _line(result: FileResult) -> str:
    n = result.chunks
    detail = result.reason or ngettext("{n} chunk", "{n} chunks", n).format(n=n)
    if result.status == "indexed":
        detail = ngettext(
            "{n} chunk ({added} new, {removed} removed)",
            "{n} chunks ({added} new, {removed} removed)",
            n,
        ).format(n=n, added=result.added, removed=result.removed)
    status = _(_STATUS[result.status]) if result.status in _STATUS else result.status
    width = max(len(_(label)) for label in _STATUS.values())
    return f"{_MARK.get(result.status, '?')} {status.ljust(width)} {result.path}: {detail}"


def _screen(as_json: bool, console: Console) -> IngestEvents:
    """A progress bar on a terminal, one line per file elsewhere, nothing but JSON with --json."""
    if as_json:
        return IngestEvents()
    return ProgressBar(console) if console.is_terminal else _Lines()


class _Lines(IngestEvents):
    def file_done(self, result: FileResult) -> None:
        typer.echo(_line(result))


class ProgressBar(IngestEvents):
    """Files and chunks with rich's bars, pages counted, an ETA from the embedding rate."""

    def __init__(self, console: Console) -> None:
        self._bars = Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn(_("ETA")),
            TimeRemainingColumn(),
            TextColumn("{task.fields[note]}"),
            console=console,
        )
        self._files = self._bars.add_task(_("files"), total=None, note="")
        self._chunks = self._bars.add_task(_("chunks"), total=0, note="")
        self._pages = 0

    def started(self, *, files: int) -> None:
        self._bars.update(self._files, total=files)
        self._bars.start()

    def file_started(self, path: Path) -> None:
        self._bars.update(self._files, note=path.name)

    def file_read(self, path: Path, *, pages: int | None, chunks: int, new: int) -> None:
        self._pages += pages or 0
        total = (self._bars.tasks[self._chunks].total or 0) + new
        pages_read = ngettext("{n} page", "{n} pages", self._pages).format(n=self._pages)
        self._bars.update(self._chunks, total=total, note=pages_read)

    def embedded(self, count: int) -> None:
        self._bars.advance(self._chunks, count)

    def file_done(self, result: FileResult) -> None:
        self._bars.console.print(_line(result), markup=False, highlight=False)
        self._bars.advance(self._files)

    def finished(self, results: Sequence[FileResult]) -> None:
        self._bars.stop()


def _summary(results: list[FileResult]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    chunks = sum(r.chunks for r in results if r.status in ("indexed", "unchanged"))
    parts = ", ".join(
        _(_COUNTED[status]).format(n=n) if status in _COUNTED else f"{n} {status}"
        for status, n in counts.items()
    )
    return _("{files}: {parts}; {chunks} served.").format(
        files=ngettext("{n} file", "{n} files", len(results)).format(n=len(results)),
        parts=parts or _("no files"),
        chunks=ngettext("{n} chunk", "{n} chunks", chunks).format(n=chunks),
    )
