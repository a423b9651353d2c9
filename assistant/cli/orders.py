"""`desk order place` and `desk orders list|show|advance` (R16-R18)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, acting, open_services, read_json, run
from assistant.i18n import _

order_app = typer.Typer(help=_("Place an order."), no_args_is_help=True)
orders_app = typer.Typer(help=_("Placed orders (R18)."), no_args_is_help=True)


@order_app.command(
    "place",
    help=_('Place an order; refusals exit 1 with {"error", "message"} and write nothing.'),
)
def order_place(
    file: Annotated[Path, typer.Argument(help=_("The order as JSON (see README)."))],
    override_route: Annotated[
        str | None, typer.Option(help=_("Place although routing says transfer: the reason."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Place an order; refusals exit 1 with {"error", "message"} and write nothing."""
    from assistant.orders.draft import OrderDraft

    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        draft = OrderDraft.from_json(read_json(file), override_route_reason=override_route)
        return services.placement.place(draft=draft, actor=actor).as_dict()

    run(as_json, work, text.placed_order)


@orders_app.command("list", help=_("Placed orders, newest first."))
def orders_list(
    client: Annotated[str | None, typer.Option(help=_("Only this client's orders."))] = None,
    status: Annotated[str | None, typer.Option(help=_("Only orders with this status."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """Placed orders, newest first."""
    from assistant.orders.queries import OrderFilter

    services = open_services(as_json=as_json)
    where = OrderFilter(client_code=client, status=status)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.orders.list(where=where, actor=actor), text.orders)


@orders_app.command("show", help=_("One order in full."))
def orders_show(order_no: str, as_json: JsonFlag = False) -> None:
    """One order in full."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(as_json, lambda: services.orders.get(order_no, actor=actor), text.order_detail)


@orders_app.command(
    "advance",
    help=_("Move an order along: placed, accepted, picking, shipped, delivered."),
)
def orders_advance(
    order_no: str,
    to: Annotated[
        str | None, typer.Option(help=_("Target status (default: the next one)."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Move an order along: placed, accepted, picking, shipped, delivered."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)
    run(
        as_json,
        lambda: services.orders.advance(order_no=order_no, to_status=to, actor=actor),
        text.order_detail,
    )
