"""The files of a backup: the knowledge documents and the on-disk Chroma store."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

KNOWLEDGE = "knowledge"
CHROMA = "chroma"
_CHROMA_DB = "chroma.sqlite3"


def copy_knowledge(source: Path, folder: Path) -> int:
    """The published documents, as files; how many were copied."""
    target = folder / KNOWLEDGE
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for p in target.rglob("*") if p.is_file())


def restore_knowledge(folder: Path, target: Path) -> None:
    """The backup's documents over the knowledge folder (the shipped ones come back too)."""
    if (folder / KNOWLEDGE).is_dir():
        shutil.copytree(folder / KNOWLEDGE, target, dirs_exist_ok=True)


def copy_chroma(source: Path, folder: Path, count: Callable[[], int]) -> bool:
    """Copy the store's folder; False (and no copy) when the store changed meanwhile.

    Chroma keeps its records in SQLite (copied with the online backup API) and its
    vector index in files next to it; a count that moved during the copy means an
    ingest wrote at the same time, and the copy is dropped (restore re-indexes).
    """
    target = folder / CHROMA
    before = count()
    for path in sorted(source.rglob("*")):
        dest = target / path.relative_to(source)
        if path.is_dir():
            dest.mkdir(parents=True, exist_ok=True)
        elif path.name == _CHROMA_DB:
            dest.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(dest)) as dst:
                src.backup(dst)
        elif not path.name.startswith(_CHROMA_DB):  # its -wal/-shm are inside the backup
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    if count() != before:
        shutil.rmtree(target)
        return False
    return True


def chroma_documents(path: Path) -> int:
    """Passages in an on-disk store, read without opening Chroma (0 when there is none)."""
    db = path / _CHROMA_DB
    if not db.is_file():
        return 0
    with closing(sqlite3.connect(db)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM embeddings").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0


def restore_chroma(folder: Path, target: Path) -> None:
    """The store's folder back in place of an empty one."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(folder / CHROMA, target)
