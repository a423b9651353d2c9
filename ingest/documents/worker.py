"""Files are read in a child process with a time limit, so no file can hang or crash a batch."""

from __future__ import annotations

import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from assistant.formats import number
from assistant.i18n import _, language, use_language
from ingest.documents.document import LoadedDocument, Unusable
from ingest.documents.loaders import load_document

DEFAULT_TIME_LIMIT = 20.0
# Starting the child imports pypdf, python-docx and openpyxl: not counted against a file.
_START_LIMIT = 120.0


def _serve(conn: Connection) -> None:
    """The child: read each requested file and send back the document or why not."""
    conn.send(("ready",))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        path, password, language = request
        # The reasons are written in the language of the ingest that asked (the child alone
        # would speak the default one).
        with use_language(language):
            conn.send(_read(Path(path), password))


def _read(path: Path, password: str | None) -> tuple[Any, ...]:
    """The reply for one file: ("ok", document) or ("unusable", status, reason)."""
    try:
        return ("ok", load_document(path, password=password))
    except Unusable as exc:
        return ("unusable", exc.status, exc.reason)
    except OSError as exc:
        reason = _("cannot read the file ({error})").format(error=exc.strerror or exc)
        return ("unusable", "failed", reason)
    except BaseException as exc:  # noqa: BLE001 - whatever a file does, the batch goes on
        reason = _("broken file: {error}").format(error=f"{type(exc).__name__}: {exc}")
        return ("unusable", "failed", reason[:300])


class LoaderWorker:
    """One long-lived reader process; replaced when a file takes longer than `time_limit`."""

    def __init__(self, *, time_limit: float = DEFAULT_TIME_LIMIT) -> None:
        self.time_limit = time_limit
        # spawn, not fork: the parent runs Chroma's and the embedder's threads.
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def load(self, path: Path, *, password: str | None = None) -> LoadedDocument:
        """The document in `path`, or Unusable with the reason (time limit included)."""
        conn = self._start()
        conn.send((str(path), password, language()))
        if not conn.poll(self.time_limit):
            self._stop(kill=True)
            raise Unusable(
                "failed",
                _("took longer than {seconds} s").format(seconds=number(self.time_limit)),
            )
        try:
            reply: tuple[Any, ...] = conn.recv()
        except (EOFError, OSError) as exc:
            code = self._process.exitcode if self._process else None
            self._stop(kill=True)
            raise Unusable(
                "failed", _("the reader crashed on this file (exit code {code})").format(code=code)
            ) from exc
        if reply[0] == "ok":
            document: LoadedDocument = reply[1]
            return document
        raise Unusable(reply[1], reply[2])

    def _start(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._stop(kill=True)
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        if not parent.poll(_START_LIMIT):
            process.kill()
            raise RuntimeError("the file reader process did not start")
        parent.recv()
        self._process, self._conn = process, parent
        return parent

    def _stop(self, *, kill: bool) -> None:
        if self._process is None:
            return
        if self._conn is not None:
            try:
                if not kill:
                    self._conn.send(None)
            except OSError:
                pass
            self._conn.close()
        if kill:
            self._process.kill()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._process, self._conn = None, None

    def close(self) -> None:
        """Let the child finish and go."""
        self._stop(kill=False)

    def __enter__(self) -> LoaderWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
