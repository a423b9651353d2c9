"""The `desk` command: every answer as JSON for machines, as text for people."""

from __future__ import annotations

import sys

import typer

from assistant.cli import ask, calls, card, database, knowledge, orders
from assistant.errors import DeskError

app = typer.Typer(help="Order Desk: the telephone sales operator's desk.", no_args_is_help=True)
# Registration order is the order `desk --help` lists the commands in.
app.add_typer(orders.order_app, name="order")
app.add_typer(orders.orders_app, name="orders")
app.add_typer(calls.calls_app, name="calls")
app.command("ingest")(knowledge.ingest)
app.command("ask")(ask.ask)
app.command("init")(database.init)
app.command("import")(database.import_)
app.command("card")(card.card)


def main() -> None:
    """Entry point that never shows a traceback for a desk error."""
    try:
        app()
    except DeskError as err:
        typer.echo(f"Error: {err.message}", err=True)
        sys.exit(1)
