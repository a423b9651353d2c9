"""An editor's publish, replace or save running in a thread, so the page stays usable meanwhile."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from assistant.editors import texts
from assistant.errors import DeskError
from assistant.i18n import _, language, use_language
from ingest.documents.progress import IngestEvents, Progress, Tally

log = logging.getLogger(__name__)
T = TypeVar("T")


class IngestJob(Generic[T]):
    """One piece of editing work given a progress listener; its result or error when done."""

    def __init__(self, *, label: str, work: Callable[[IngestEvents], T], files: int = 1) -> None:
        self.label = label
        self._work = work
        self._tally = Tally(files=files)
        # The thread speaks the language of the session that started it (a thread alone
        # would speak the default one): its messages are shown to that session.
        self._language = language()
        self._thread = threading.Thread(target=self._run, name=f"ingest: {label}", daemon=True)
        self.result: T | None = None
        self.error: str | None = None

    def start(self) -> IngestJob[T]:
        """Start the work in its thread; returns at once."""
        self._thread.start()
        return self

    def _run(self) -> None:
        with use_language(self._language):
            try:
                self.result = self._work(self._tally)
            except DeskError as err:
                self.error = err.message
            except Exception:  # noqa: BLE001 - the page shows a message; the log has the traceback
                log.exception("editing job %r failed", self.label)
                self.error = _(texts.JOB_FAILED).format(label=self.label)

    @property
    def done(self) -> bool:
        """Whether the work is over (with a result or an error)."""
        return self._thread.ident is not None and not self._thread.is_alive()

    @property
    def progress(self) -> Progress:
        """Files, pages and chunks so far."""
        return self._tally.snapshot()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work is over (tests and scripts); True when it is."""
        self._thread.join(timeout)
        return self.done
