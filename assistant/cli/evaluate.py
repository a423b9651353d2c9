"""`desk eval offers`: the offers' ranking measured on an order history, in a scratch database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, parse_date, run
from assistant.errors import DeskError
from assistant.i18n import _

eval_app = typer.Typer(help=_("Measure the desk on real history."), no_args_is_help=True)

OFFERS_HELP = _(
    "Score the offers on an orders file split at a date, next to popularity and "
    "co-occurrence; a temporary database is used, never the live one."
)


@eval_app.command("offers", help=OFFERS_HELP)
def offers(
    orders: Annotated[Path, typer.Option(help=_("Orders CSV in the import format."))],
    cut: Annotated[str, typer.Option(help=_("The cut date, YYYY-MM-DD."))],
    clients: Annotated[
        Path | None, typer.Option(help=_("Clients file (optional; else derived from orders)."))
    ] = None,
    products: Annotated[
        Path | None, typer.Option(help=_("Products file (optional; else derived from orders)."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Score the offers on an orders file split at a date."""

    def work() -> dict[str, Any]:
        from assistant.config import Settings
        from assistant.reports.eval_scratch import load_company, scratch_database
        from assistant.reports.offer_eval import evaluate
        from assistant.rules import load_rules

        day = parse_date(cut, "--cut")
        if day is None:
            raise DeskError(_("--cut is required: use YYYY-MM-DD."))
        types = list(load_rules(Settings().rules_dir).routing.client_types)
        with scratch_database() as scratch:
            load_company(
                scratch, orders=orders, clients=clients, products=products, known_client_types=types
            )
            return evaluate(scratch, day)

    run(as_json, work, _text)


def _text(result: dict[str, Any]) -> str:
    """The figures as a small table."""
    lines = [
        _("Clients scored: {clients}").format(clients=result["clients"]),
        _("Traditional products (5 suggested, against the next order):"),
    ]
    for method, figures in result["traditional"].items():
        lines.append(
            _("  {method}: precision@5 {precision:.3f}, recall@5 {recall:.3f}").format(
                method=method, precision=figures["precision@5"], recall=figures["recall@5"]
            )
        )
    addons = result["addons"]
    lines.append(
        _("Add-ons (4 offered, against the items new to the client), {orders} orders:").format(
            orders=addons["orders"]
        )
    )
    for method in ("ours", "popularity", "cooccurrence"):
        figures = addons[method]
        lines.append(
            _("  {method}: hit@4 {hit:.3f}, precision@4 {precision:.3f}").format(
                method=method, hit=figures["hit@4"], precision=figures["precision@4"]
            )
        )
    lines.append(
        _("Median time of one client's offers: {ms:.2f} ms").format(ms=result["ms_per_client"])
    )
    return "\n".join(lines)
