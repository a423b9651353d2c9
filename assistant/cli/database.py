"""`desk init` and `desk import`: the schema, the demo company and ERP exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, acting, fail, open_services, run
from assistant.errors import DeskError
from assistant.i18n import N_, _, ngettext
from assistant.services import Services

INIT_HELP = _("Create or upgrade the database schema; optionally the demo company.")
IMPORT_HELP = _("Import an ERP export; bad rows are reported by line and the exit code is 1.")
# What the demo company was made of, by the keys of its summary.
DEMO_PARTS = {
    "departments": N_("departments: {count}"),
    "managers": N_("managers: {count}"),
    "clients": N_("clients: {count}"),
    "products": N_("products: {count}"),
    "price_columns": N_("price columns: {count}"),
    "prices": N_("prices: {count}"),
    "specials": N_("special positions: {count}"),
    "receivables": N_("open documents: {count}"),
    "history_lines": N_("order history lines: {count}"),
    "history_orders": N_("past orders: {count}"),
}


def init(
    demo: Annotated[bool, typer.Option(help=_("Fill the database with the demo company."))] = False,
    scale: Annotated[str, typer.Option(help=_("Demo size: small or large."))] = "small",
    seed: Annotated[int, typer.Option(help=_("Seed of the demo company."))] = 7,
    if_empty: Annotated[
        bool,
        typer.Option("--if-empty", help=_("Create the demo only if there are no clients.")),
    ] = False,
) -> None:
    """Create or upgrade the database schema; optionally the demo company."""
    from assistant.db import migrate

    if scale not in ("small", "large"):
        fail(DeskError(_("--scale {scale!r}: use small or large.").format(scale=scale)), False)
    services = open_services(check_schema=False)
    migrate(services.engine)
    _standard_departments(services)
    url = services.engine.url.render_as_string(hide_password=True)
    typer.echo(_("Schema ready at {url}.").format(url=url))
    if not demo:
        return
    if if_empty and services.directory.count() > 0:
        typer.echo(_("Clients exist already: demo not created."))
    else:
        _demo_company(services, scale=scale, seed=seed)
    _demo_logins(services)


def _standard_departments(services: Services) -> None:
    """Quality, logistics, purchasing, finance and marketing, for clients' comments (R20)."""
    from assistant.feedback.departments import ensure_standard

    with services.sessions.begin() as session:
        ensure_standard(session)


def _demo_company(services: Services, *, scale: str, seed: int) -> None:
    from assistant.demo import create_demo

    try:
        summary = create_demo(
            session_factory=services.sessions, scale=scale, seed=seed, rules=services.rules
        )
    except DeskError as err:
        fail(err, False)
    parts = ", ".join(
        _(DEMO_PARTS[key]).format(count=count) if key in DEMO_PARTS else f"{key}: {count}"
        for key, count in summary.as_dict().items()
    )
    typer.echo(_("Demo company created: {parts}").format(parts=parts))
    _embed_product_names(services)


def _embed_product_names(services: Services) -> None:
    """Product names as vectors, once, so a question in any language finds the product."""
    try:
        count = services.product_vectors.refresh()
    except Exception as exc:  # noqa: BLE001 - the first question embeds them instead
        typer.echo(_("Product names not embedded yet ({reason}).").format(reason=exc))
        return
    if count:
        typer.echo(
            ngettext(
                "{count} product name embedded for questions in other languages.",
                "{count} product names embedded for questions in other languages.",
                count,
            ).format(count=count)
        )


def _demo_logins(services: Services) -> None:
    """One user per role on a desk that has none; their passwords are shown this once."""
    from assistant.auth.demo_logins import create_demo_users

    if services.users.list():
        return
    # Next to the knowledge store: the data/ folder `make run` uses.
    path = services.settings.chroma_path.parent / "demo-logins.txt"
    try:
        logins = create_demo_users(users=services.users, path=path)
    except (DeskError, OSError) as err:
        fail(err if isinstance(err, DeskError) else DeskError(str(err)), False)
    typer.echo(
        _("Demo logins (shown once; also in {path}, readable only by you):").format(path=path)
    )
    for name, password in logins.items():
        typer.echo(f"  {name:<16} {password}")


def import_(
    kind: Annotated[
        str,
        typer.Argument(
            help=_(
                "managers, clients, products, prices, specials, discounts, receivables or orders"
            )
        ),
    ],
    file: Annotated[Path, typer.Argument(help=_("CSV (UTF-8, header row) or XLSX file."))],
    as_json: JsonFlag = False,
) -> None:
    """Import an ERP export; bad rows are reported by line and the exit code is 1."""
    from ingest.erp.importers import import_file

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        report = import_file(
            session_factory=services.sessions,
            kind=kind,
            path=file,
            default_country_code=services.settings.default_country_code,
            known_client_types=list(services.rules.routing.client_types),
            actor=actor,
        )
        if kind == "orders":
            services.offers.invalidate()
        if kind == "products":
            # Embedded once here, not on the first question of a call.
            services.product_vectors.refresh()
        return report.as_dict()

    result = run(as_json, work, text.import_report)
    if result["rejected"]:
        raise typer.Exit(1)
