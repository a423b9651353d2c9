"""`desk backup DIR` and `desk restore DIR`: the whole desk into a folder and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.auth.rights import Actor
from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.i18n import N_, _, ngettext
from assistant.services import Services

BACKUP_HELP = _(
    "Back up the desk into an empty folder: the SQL data (pg_dump or SQLite's backup API), "
    "the knowledge files, the on-disk vector store and a manifest with counts and checksums."
)
RESTORE_HELP = _(
    "Restore a backup folder into an empty database and vector store; the checksums are "
    "checked first and the row counts after."
)
# Why the vector store was not copied, as people read it (the JSON keeps the code).
_NOT_COPIED = {
    "chroma_server": N_("a Chroma server is backed up by its own means; restore re-indexes"),
    "indexing": N_("an ingest was running; restore re-indexes"),
    "no_store": N_("there is no store yet; restore re-indexes"),
    "changed": N_("it changed during the copy; restore re-indexes"),
}
FolderArg = Annotated[Path, typer.Argument(help=_("The backup folder."))]


def _desk(services: Services, actor_name: str) -> Any:
    from assistant.backup.desk import Desk

    def reindex() -> int:
        pipeline = services.ingest_pipeline
        knowledge = services.settings.knowledge_dir
        return len(pipeline.ingest([knowledge], by=actor_name, force=True))

    return Desk(
        engine=services.engine,
        sessions=services.sessions,
        settings=services.settings,
        store_count=lambda: services.knowledge_store.count(),
        reindex=reindex,
        indexing=lambda: services.indexing.running() is not None,
    )


def backup(
    folder: FolderArg,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace a backup already in the folder."))
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Back up the desk into an empty folder."""
    from assistant.backup.desk import back_up

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(
        as_json,
        lambda: back_up(_desk(services, actor.name), folder, actor=actor, force=force),
        lambda m: _text(_("Backup written to {folder}.").format(folder=folder), m),
    )


def restore(folder: FolderArg, as_json: JsonFlag = False) -> None:
    """Restore a backup folder into an empty database and vector store."""
    from assistant.backup.desk import restore as restore_desk

    # The target is empty, so it has no users yet: a restore is audited as the system
    # account (whoever may run it holds the database's address and this machine).
    services = open_services(as_json=as_json, check_schema=False)
    actor = Actor.system()
    run(
        as_json,
        lambda: restore_desk(_desk(services, actor.name), folder, actor=actor),
        lambda m: _text(_("Restored from {folder}.").format(folder=folder), m),
    )


def _text(head: str, result: dict[str, Any]) -> str:
    lines = [head, _("Rows per table:")]
    lines += [f"  {table}: {n}" for table, n in result["rows"].items()]
    store = result["store"]
    if store["backed_up"]:
        lines.append(_("Vector store: copied."))
    else:
        reason = store.get("reason")
        why = _(_NOT_COPIED[reason]) if reason in _NOT_COPIED else str(reason)
        lines.append(_("Vector store: not backed up ({why}).").format(why=why))
    if result.get("reindexed_files") is not None:
        n = result["reindexed_files"]
        lines.append(
            ngettext("Re-indexed {n} knowledge file.", "Re-indexed {n} knowledge files.", n).format(
                n=n
            )
        )
    return "\n".join(lines)
