"""What an ingest reports as it goes: events for listeners, and a tally of files, pages, chunks."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.documents.files import FileResult


class IngestEvents:
    """Listener of one ingest; every method does nothing here, listeners override what they use."""

    def started(self, *, files: int) -> None:
        """The batch starts with `files` files to look at."""

    def file_started(self, path: Path) -> None:
        """One file is being looked at."""

    def file_read(self, path: Path, *, pages: int | None, chunks: int, new: int) -> None:
        """A changed file was read: its pages, its chunks, and how many of them need embedding."""

    def embedded(self, count: int) -> None:
        """`count` more chunks were embedded and written."""

    def file_done(self, result: FileResult) -> None:
        """One file's outcome."""

    def finished(self, results: Sequence[FileResult]) -> None:
        """The batch is over (also after an error)."""


@dataclass(frozen=True)
class Progress:
    """A snapshot of an ingest under way, as a status line or a bar shows it."""

    files_done: int
    files_total: int
    pages: int
    chunks_done: int
    chunks_total: int
    seconds: float
    current: str = ""

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left, from the embedding rate so far (the slow part); None before any."""
        if self.chunks_done <= 0 or self.seconds <= 0:
            return None
        return (self.chunks_total - self.chunks_done) * self.seconds / self.chunks_done

    @property
    def eta_clock(self) -> str | None:
        """The time left as m:ss, or None while unknown."""
        eta = self.eta_seconds
        return None if eta is None else f"{int(eta) // 60}:{int(eta) % 60:02d}"

    @property
    def fraction(self) -> float:
        """0..1 for a bar: files, with the chunks of the current file counted in."""
        if self.files_total <= 0:
            return 0.0
        within = self.chunks_done / self.chunks_total if self.chunks_total else 0.0
        done = self.files_done + (within if self.files_done < self.files_total else 0.0)
        return min(1.0, done / self.files_total)


class Tally(IngestEvents):
    """Counts what an ingest did so far; safe to read from another thread."""

    def __init__(self, *, files: int = 0) -> None:
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._files_total, self._files_done, self._pages = files, 0, 0
        self._chunks_total = self._chunks_done = 0
        self._current = ""

    def started(self, *, files: int) -> None:
        # An editor's publish of several uploads is one ingest per file: the total was given.
        with self._lock:
            self._files_total = max(self._files_total, self._files_done + files)

    def file_started(self, path: Path) -> None:
        with self._lock:
            self._current = path.name

    def file_read(self, path: Path, *, pages: int | None, chunks: int, new: int) -> None:
        with self._lock:
            self._pages += pages or 0
            self._chunks_total += new

    def embedded(self, count: int) -> None:
        with self._lock:
            self._chunks_done += count

    def file_done(self, result: FileResult) -> None:
        with self._lock:
            self._files_done += 1

    def snapshot(self) -> Progress:
        """The counts now."""
        with self._lock:
            return Progress(
                files_done=self._files_done,
                files_total=max(self._files_total, self._files_done),
                pages=self._pages,
                chunks_done=self._chunks_done,
                chunks_total=self._chunks_total,
                seconds=round(time.monotonic() - self._started, 1),
                current=self._current,
            )


class Fanout(IngestEvents):
    """Several listeners as one."""

    def __init__(self, *listeners: IngestEvents) -> None:
        self._listeners = listeners

    def started(self, *, files: int) -> None:
        for listener in self._listeners:
            listener.started(files=files)

    def file_started(self, path: Path) -> None:
        for listener in self._listeners:
            listener.file_started(path)

    def file_read(self, path: Path, *, pages: int | None, chunks: int, new: int) -> None:
        for listener in self._listeners:
            listener.file_read(path, pages=pages, chunks=chunks, new=new)

    def embedded(self, count: int) -> None:
        for listener in self._listeners:
            listener.embedded(count)

    def file_done(self, result: FileResult) -> None:
        for listener in self._listeners:
            listener.file_done(result)

    def finished(self, results: Sequence[FileResult]) -> None:
        for listener in self._listeners:
            listener.finished(results)
