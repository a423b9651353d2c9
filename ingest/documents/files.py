"""Files to ingest: finding them, their kind, their content hash and the result per file."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.documents.loaders import SUFFIXES
from knowledge.registry import SERVED, DocumentInfo

# Words in a folder or file name that say what kind of document it is.
_KIND_WORDS = (
    ("catalog", ("catalog", "katalog")),
    ("prices", ("price", "cjenik", "cijen", "tariff")),
    ("procedure", ("procedur", "postup", "pravil", "uput")),
)
_IGNORED = ("readme", "manifest")


@dataclass(frozen=True)
class FileResult:
    """What happened to one file; `as_dict` is the line of `desk ingest --json`."""

    path: str
    status: str  # indexed, unchanged, skipped, failed, retired
    chunks: int
    reason: str | None = None
    source: str = ""
    kind: str | None = None
    title: str | None = None
    version: int | None = None
    pages: int | None = None
    added: int = 0  # chunks embedded and written
    removed: int = 0  # old chunks deleted
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def infer_kind(path: Path) -> str:
    """catalog, prices or procedure when a folder or the file name says so, else other."""
    for part in reversed([*path.parent.parts[-3:], path.stem]):
        lowered = part.lower()
        for kind, words in _KIND_WORDS:
            if any(word in lowered for word in words):
                return kind
    return "other"


def content_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: what decides whether it changed."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def find_files(paths: Sequence[Path]) -> Iterator[Path]:
    """Files given, and the supported files inside folders given (sorted, hidden ones left out)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                parts = found.relative_to(path).parts
                if (
                    found.is_file()
                    and found.suffix.lower() in SUFFIXES
                    and not any(p.startswith(".") for p in parts)
                    and not found.stem.lower().startswith(_IGNORED)
                ):
                    yield found
        else:
            yield path


def password_for(path: Path, passwords: Mapping[str, str]) -> str | None:
    """The password given for this file (by path or by file name), if any."""
    for key in (str(path), path.name, path.resolve().as_posix()):
        if key in passwords:
            return passwords[key]
    return None


def unchanged(before: DocumentInfo, digest: str, kind: str | None, password: str | None) -> bool:
    """Whether a file can be skipped: same bytes, same kind, nothing new that could help."""
    if before.content_hash != digest or (kind is not None and kind != before.kind):
        return False
    if before.status == "retired":
        return False  # the file is back: index it again
    # A failed file is tried again only when something that could help is given: a password.
    return not (before.status == "failed" and password is not None)


def from_registry(shown: str, before: DocumentInfo, started: float) -> FileResult:
    """The result of a file skipped as unchanged, from what the registry remembers."""
    # Failed and skipped files keep their status, so the exit code still says "not usable".
    status = "unchanged" if before.status == SERVED else before.status
    return result_of(shown, before, status, started)


def result_of(
    shown: str, info: DocumentInfo, status: str, started: float, *, added: int = 0, removed: int = 0
) -> FileResult:
    """A file's result from its registry row."""
    return FileResult(
        path=shown,
        status=status,
        chunks=info.chunks,
        reason=info.reason,
        source=info.source,
        kind=info.kind,
        title=info.title,
        version=info.version,
        pages=info.pages,
        added=added,
        removed=removed,
        seconds=since(started),
    )


def since(started: float) -> float:
    """Seconds since `started` (perf_counter), rounded for the report."""
    return round(time.perf_counter() - started, 3)
