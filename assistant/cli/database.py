"""`desk init` and `desk import`: the schema, the demo company and ERP exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, fail, open_services, run
from assistant.errors import DeskError


def init(
    demo: Annotated[bool, typer.Option(help="Fill the database with the demo company.")] = False,
    scale: Annotated[str, typer.Option(help="Demo size: small or large.")] = "small",
    seed: Annotated[int, typer.Option(help="Seed of the demo company.")] = 7,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Create the demo only if there are no clients.")
    ] = False,
) -> None:
    """Create or upgrade the database schema; optionally the demo company."""
    from assistant.db import migrate

    if scale not in ("small", "large"):
        fail(DeskError(f"--scale {scale!r}: use small or large."), False)
    services = open_services(check_schema=False)
    migrate(services.engine)
    typer.echo(f"Schema ready at {services.engine.url.render_as_string(hide_password=True)}.")
    if not demo:
        return
    if if_empty and services.directory.count() > 0:
        typer.echo("Clients exist already: demo not created.")
        return
    from assistant.demo import create_demo

    try:
        summary = create_demo(
            session_factory=services.sessions, scale=scale, seed=seed, rules=services.rules
        )
    except DeskError as err:
        fail(err, False)
    typer.echo(
        "Demo company created: " + ", ".join(f"{v} {k}" for k, v in summary.as_dict().items())
    )


def import_(
    kind: Annotated[
        str,
        typer.Argument(help="managers, clients, products, prices, specials, receivables or orders"),
    ],
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8, header row) or XLSX file.")],
    as_json: JsonFlag = False,
) -> None:
    """Import an ERP export; bad rows are reported by line and the exit code is 1."""
    from ingest.erp.importers import import_file

    services = open_services(as_json=as_json)

    def work() -> dict[str, Any]:
        report = import_file(
            session_factory=services.sessions,
            kind=kind,
            path=file,
            default_country_code=services.settings.default_country_code,
            known_client_types=list(services.rules.routing.client_types),
        )
        if kind == "orders":
            services.offers.invalidate()
        return report.as_dict()

    result = run(as_json, work, text.import_report)
    if result["rejected"]:
        raise typer.Exit(1)
