"""Whether an ingest runs right now, across processes: a small JSON file the ingest keeps current.

`desk ingest` (started by `make run` beside the server) writes it; the server reads it to say
"still indexing" on the Ask panel. A file whose process is gone, or that has not been touched
for a long time, counts as no ingest: a crash never leaves the desk saying "indexing" forever.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from ingest.documents.files import FileResult
from ingest.documents.progress import Progress, Tally

# The longest a live ingest goes without news: one file's read limit plus one embedding batch.
STALE_AFTER = 600.0
_EVERY = 1.0  # seconds between writes: the bar needs no more, and the disk is spared


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    return True


class IndexingStatus:
    """The status file of one knowledge base: read by the desk, written by a running ingest."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def running(self) -> Progress | None:
        """The progress of the ingest running now, or None when none runs."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            progress = Progress(**data["progress"])
            pid, state, updated = int(data["pid"]), data["state"], float(data["updated"])
            here = data.get("host") == socket.gethostname()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if state != "running" or time.time() - updated > STALE_AFTER:
            return None
        # A pid means something only on its own host; elsewhere the heartbeat alone decides.
        return None if here and not _alive(pid) else progress

    def finished_by_another(self) -> float | None:
        """When an ingest of another process last finished (epoch seconds), if one did."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            state, updated, pid = data["state"], float(data["updated"]), int(data["pid"])
            ours = pid == os.getpid() and data.get("host") == socket.gethostname()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return updated if state == "done" and not ours else None

    def write(self, progress: Progress, *, state: str = "running") -> None:
        """Replace the file at once (readers never see half of it)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "state": state,
            "updated": time.time(),
            "progress": asdict(progress),
        }
        spare = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        spare.write_text(json.dumps(data), encoding="utf-8")
        os.replace(spare, self.path)


class StatusWriter(Tally):
    """Counts an ingest and keeps the status file current (at most once a second)."""

    def __init__(self, status: IndexingStatus) -> None:
        super().__init__()
        self._status = status
        self._written = 0.0
        # Said at once: the server started beside this ingest must not answer from half a base.
        self._write(force=True)

    def started(self, *, files: int) -> None:
        super().started(files=files)
        self._write(force=True)

    def file_started(self, path: Path) -> None:
        super().file_started(path)
        self._write()

    def embedded(self, count: int) -> None:
        super().embedded(count)
        self._write()

    def file_done(self, result: FileResult) -> None:
        super().file_done(result)
        self._write()

    def finished(self, results: Sequence[FileResult]) -> None:
        self._status.write(self.snapshot(), state="done")

    def _write(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._written >= _EVERY:
            self._written = now
            self._status.write(self.snapshot())
