"""`desk ingest`: catalogues, price terms and procedures into the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.config import Settings
from assistant.errors import DeskError

if TYPE_CHECKING:
    from ingest.documents.pipeline import FileResult

_MARK = {"indexed": "+", "unchanged": "=", "skipped": "~", "failed": "!", "retired": "-"}


def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files and folders; the shipped knowledge folder when none given."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="catalog, prices, procedure or other; else from the folder/file name."),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Retire documents whose files are gone from FOLDERS.")
    ] = False,
    password: Annotated[
        list[str] | None,
        typer.Option("--password", help="FILE=PASSWORD for an encrypted PDF (repeatable)."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who ingests (the registry says).")] = None,
    time_limit: Annotated[
        float, typer.Option(help="Seconds one file may take to read before it fails.")
    ] = 20.0,
    force: Annotated[
        bool, typer.Option("--force", help="Read every file again, even unchanged ones.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list, one per file.")
    ] = False,
) -> None:
    """Index documents (PDF, Markdown, CSV/XLSX, DOCX, TXT); unchanged files are skipped.

    Exit code: 0 when no file failed, 1 when any did (skipped files such as scans do not count).
    """
    from assistant.db import ensure_ready
    from assistant.services import build_services

    try:
        if kind is not None and kind not in ("catalog", "prices", "procedure", "other"):
            raise DeskError(f"--kind {kind!r}: use catalog, prices, procedure or other.")
        passwords = _passwords(password or [])
        services = build_services(Settings())
        ensure_ready(services.engine)
        pipeline = services.knowledge.pipeline
        pipeline.time_limit = time_limit
        results = pipeline.ingest(
            paths or [services.settings.knowledge_dir],
            by=by or services.settings.operator,
            kind=kind,
            prune=prune,
            passwords=passwords,
            force=force,
            on_result=None if as_json else _print_line,
        )
    except DeskError as err:
        if as_json:
            typer.echo(json.dumps(err.as_dict(), ensure_ascii=False))
        else:
            typer.echo(f"Error: {err.message}", err=True)
        raise typer.Exit(1) from None
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
            raise DeskError(f"--password {pair!r}: write FILE=PASSWORD.")
        out[name] = secret
    return out


def _print_line(result: FileResult) -> None:
    detail = result.reason or f"{result.chunks} chunks"
    if result.status == "indexed":
        detail = f"{result.chunks} chunks ({result.added} new, {result.removed} removed)"
    typer.echo(f"{_MARK.get(result.status, '?')} {result.status:<9} {result.path}: {detail}")


def _summary(results: list[FileResult]) -> str:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    chunks = sum(r.chunks for r in results if r.status in ("indexed", "unchanged"))
    parts = ", ".join(f"{n} {status}" for status, n in counts.items()) or "no files"
    return f"{len(results)} files: {parts}; {chunks} chunks served."


def register(app: typer.Typer) -> None:
    """Add `desk ingest` to the desk command."""
    app.command("ingest")(ingest)
