"""Back up the desk into a folder, and restore it into an empty database and store."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.backup import files, manifest, sql
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.timeutil import utcnow

# What `--force` may replace in a folder: only what a backup writes, never anything else.
_WRITTEN = (sql.SQLITE_FILE, sql.PG_FILE, files.KNOWLEDGE, files.CHROMA, manifest.FILE)


@dataclass
class Desk:
    """What a backup reads and a restore writes; the CLI builds it from the services."""

    engine: Engine
    sessions: sessionmaker[Session]
    settings: Settings
    store_count: Callable[[], int]  # passages in the vector store (opens it)
    reindex: Callable[[], int]  # the `desk ingest` pipeline over the knowledge folder
    indexing: Callable[[], bool]  # whether an ingest runs now


def back_up(desk: Desk, folder: Path, *, actor: Actor, force: bool = False) -> dict[str, Any]:
    """Write the backup into `folder` and return its manifest."""
    audit.guard(desk.sessions, actor, "backup.run", str(folder))
    _prepare(folder, force=force)
    sql_file, counts, revision = sql.dump(desk.engine, folder)
    knowledge = files.copy_knowledge(desk.settings.knowledge_dir, folder)
    store = _store(desk, folder)
    data = {
        "desk_version": _version(),
        "migration": revision,
        "created": utcnow().isoformat(timespec="seconds"),
        "backend": sql.backend(desk.engine),
        "sql_file": sql_file,
        "rows": counts,
        "knowledge_files": knowledge,
        "store": store,
        "files": manifest.checksums(folder),
    }
    manifest.write(folder, data)
    with desk.sessions.begin() as session:
        audit.record(
            session, actor, "backup.run", str(folder), after={"rows": sum(counts.values())}
        )
    return data


def restore(desk: Desk, folder: Path, *, actor: Actor) -> dict[str, Any]:
    """Check the backup, refuse a target in use, then put everything back and verify it."""
    data = manifest.read(folder)
    manifest.verify(folder, data)
    if data.get("backend") != sql.backend(desk.engine):
        raise DeskError(
            _("This backup is of a {theirs} database; the desk's database is {ours}.").format(
                theirs=data.get("backend"), ours=sql.backend(desk.engine)
            )
        )
    _refuse_in_use(desk)
    sql.restore(desk.engine, folder / str(data["sql_file"]))
    counts = sql.row_counts(desk.engine)
    wrong = {
        table: {"backup": n, "restored": counts.get(table, 0)}
        for table, n in data["rows"].items()
        if counts.get(table, 0) != n
    }
    if wrong:
        raise DeskError(
            _("The restored rows differ from the backup's manifest: {tables}.").format(
                tables=", ".join(sorted(wrong))
            )
        )
    # Counted before a re-index, which adds its own history rows to the registry.
    files.restore_knowledge(folder, desk.settings.knowledge_dir)
    reindexed = None
    if data["store"]["backed_up"]:
        files.restore_chroma(folder, desk.settings.chroma_path)
    else:
        reindexed = desk.reindex()
    with desk.sessions.begin() as session:
        audit.record(session, actor, "backup.restore", str(folder), after={"rows": len(counts)})
    return {"rows": data["rows"], "store": data["store"], "reindexed_files": reindexed}


def _prepare(folder: Path, *, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise DeskError(
            _("{folder} is a file: give a folder for the backup.").format(folder=folder)
        )
    if folder.is_dir() and any(folder.iterdir()):
        if not force:
            raise DeskError(
                _(
                    "{folder} is not empty: give an empty or new folder, or --force to "
                    "replace a backup there."
                ).format(folder=folder)
            )
        for name in _WRITTEN:
            path = folder / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    folder.mkdir(parents=True, exist_ok=True)


def _store(desk: Desk, folder: Path) -> dict[str, Any]:
    """Copy the on-disk store, or say why not (then restore re-indexes)."""
    settings = desk.settings
    if settings.chroma_url:
        return {"backed_up": False, "reason": "chroma_server"}
    if desk.indexing():
        return {"backed_up": False, "reason": "indexing"}
    if not settings.chroma_path.is_dir():
        return {"backed_up": False, "reason": "no_store"}
    if not files.copy_chroma(settings.chroma_path, folder, desk.store_count):
        return {"backed_up": False, "reason": "changed"}
    return {"backed_up": True, "reason": None}


def _refuse_in_use(desk: Desk) -> None:
    used = sql.rows_in_use(desk.engine)
    if used:
        raise DeskError(
            _(
                "The database already holds data ({tables}): restore only into an empty "
                "database, e.g. a new one made with createdb, or a new SQLite file."
            ).format(tables=", ".join(f"{t}: {n}" for t, n in used.items()))
        )
    settings = desk.settings
    passages = (
        desk.store_count() if settings.chroma_url else files.chroma_documents(settings.chroma_path)
    )
    if passages:
        raise DeskError(
            _(
                "The vector store already holds {n} passages: restore only into an empty "
                "store (a new DESK_CHROMA_PATH folder, or an empty Chroma server)."
            ).format(n=passages)
        )


def _version() -> str:
    try:
        return metadata.version("order-desk")
    except metadata.PackageNotFoundError:
        return "unknown"
