"""The `desk` command: every answer as JSON for machines, as text for people."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from assistant import cli_text
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.services import Services, build_services

app = typer.Typer(help="Order Desk: the telephone sales operator's desk.", no_args_is_help=True)
order_app = typer.Typer(help="Place an order.", no_args_is_help=True)
orders_app = typer.Typer(help="Placed orders (R18).", no_args_is_help=True)
calls_app = typer.Typer(help="The call log (R1).", no_args_is_help=True)
app.add_typer(order_app, name="order")
app.add_typer(orders_app, name="orders")
app.add_typer(calls_app, name="calls")
__import__("assistant.cli_knowledge").cli_knowledge.register(app)  # desk ingest
__import__("assistant.cli_ask").cli_ask.register(app)  # desk ask

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


def _services(*, as_json: bool = False, check_schema: bool = True) -> Services:
    from assistant.db import ensure_ready

    try:
        services = build_services(Settings())
        if check_schema:
            ensure_ready(services.engine)
    except DeskError as err:
        _fail(err, as_json)
    return services


def _fail(err: DeskError, as_json: bool) -> NoReturn:
    if as_json:
        typer.echo(json.dumps(err.as_dict(), ensure_ascii=False))
    else:
        for problem in err.problems:
            typer.echo(f"Error: {problem.message}", err=True)
    raise typer.Exit(1)


def _run(as_json: bool, work: Callable[[], Any], text: Callable[[Any], str]) -> Any:
    """Run `work`; print its result as JSON or text; turn a DeskError into exit code 1."""
    try:
        result = work()
    except DeskError as err:
        _fail(err, as_json)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
    else:
        typer.echo(text(result))
    return result


@app.command()
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
        _fail(DeskError(f"--scale {scale!r}: use small or large."), False)
    services = _services(check_schema=False)
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
        _fail(err, False)
    typer.echo(
        "Demo company created: " + ", ".join(f"{v} {k}" for k, v in summary.as_dict().items())
    )


@app.command("import")
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

    services = _services(as_json=as_json)

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

    result = _run(as_json, work, cli_text.import_report)
    if result["rejected"]:
        raise typer.Exit(1)


@app.command()
def card(
    query: Annotated[str, typer.Argument(help="Phone (any format), client code or name.")],
    purpose: Annotated[str, typer.Option(help="order, info, complaint or other.")] = "order",
    draft: Annotated[str, typer.Option(help="SKUs already in the order, comma-separated.")] = "",
    as_of: Annotated[str | None, typer.Option(help="Evaluate as of YYYY-MM-DD.")] = None,
    record: Annotated[bool, typer.Option(help="Register the call and its offers (R1).")] = True,
    operator: Annotated[str | None, typer.Option(help="Who takes the call.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The client card: who is calling, route, credit, price column and offers."""
    services = _services(as_json=as_json)

    def work() -> dict[str, Any]:
        day = _date(as_of, "--as-of")
        skus = [s.strip() for s in draft.split(",") if s.strip()]
        found = services.cards.card(query=query, purpose=purpose, draft_skus=skus, as_of=day)
        out = found.as_dict()
        if record:
            out["call_id"] = _register(services, found.as_dict(), query, purpose, operator)
        return out

    _run(as_json, work, cli_text.card)


def _register(
    services: Services, card: dict[str, Any], query: str, purpose: str, operator: str | None
) -> int:
    client = services.directory.by_code(card["client"]["code"]) if card["client"] else None
    phone = services.directory.normalise(query) or (card["client"] or {}).get("phone")
    call_id = services.calls.start(
        operator=operator or services.settings.operator,
        phone=phone,
        client_id=client.id if client else None,
        purpose=purpose,
    )
    offered = [(item["sku"], kind) for kind, items in card["offers"].items() for item in items]
    services.calls.record_offers(call_id=call_id, offers=offered)
    return call_id


@order_app.command("place")
def order_place(
    file: Annotated[Path, typer.Argument(help="The order as JSON (see README).")],
    override_route: Annotated[
        str | None, typer.Option(help="Place although routing says transfer: the reason.")
    ] = None,
    operator: Annotated[str | None, typer.Option(help="Who took the order.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Place an order; refusals exit 1 with {"error", "message"} and write nothing."""
    from assistant.orders.draft import OrderDraft

    services = _services(as_json=as_json)

    def work() -> dict[str, Any]:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise DeskError(f"Cannot read {file}: {exc.strerror}.") from exc
        except json.JSONDecodeError as exc:
            raise DeskError(f"{file} is not valid JSON: {exc.msg} at line {exc.lineno}.") from exc
        draft = OrderDraft.from_json(data, override_route_reason=override_route)
        who = operator or services.settings.operator
        return services.placement.place(draft=draft, operator=who).as_dict()

    _run(as_json, work, cli_text.placed_order)


@orders_app.command("list")
def orders_list(
    client: Annotated[str | None, typer.Option(help="Only this client's orders.")] = None,
    status: Annotated[str | None, typer.Option(help="Only orders with this status.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Placed orders, newest first."""
    from assistant.orders.queries import OrderFilter

    services = _services(as_json=as_json)
    where = OrderFilter(client_code=client, status=status)
    _run(as_json, lambda: services.orders.list(where=where), cli_text.orders)


@orders_app.command("show")
def orders_show(order_no: str, as_json: JsonFlag = False) -> None:
    """One order in full."""
    services = _services(as_json=as_json)
    _run(as_json, lambda: services.orders.get(order_no), cli_text.order_detail)


@orders_app.command("advance")
def orders_advance(
    order_no: str,
    to: Annotated[str | None, typer.Option(help="Target status (default: the next one).")] = None,
    by: Annotated[str, typer.Option(help="Who moves it.")] = "head",
    as_json: JsonFlag = False,
) -> None:
    """Move an order along: placed, accepted, picking, shipped, delivered."""
    services = _services(as_json=as_json)
    _run(
        as_json,
        lambda: services.orders.advance(order_no=order_no, to_status=to, by=by),
        cli_text.order_detail,
    )


@calls_app.command("list")
def calls_list(
    client: Annotated[str | None, typer.Option(help="Only this client's calls.")] = None,
    operator: Annotated[str | None, typer.Option(help="Only this operator's calls.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The call log, newest first, with offers made and accepted."""
    from assistant.calls.service import CallFilter

    services = _services(as_json=as_json)
    where = CallFilter(client_code=client, operator=operator)
    _run(as_json, lambda: services.calls.list(where=where), cli_text.calls)


def _date(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DeskError(f"{name} {value!r} is not a date: use YYYY-MM-DD.") from None


def main() -> None:
    """Entry point that never shows a traceback for a desk error."""
    try:
        app()
    except DeskError as err:
        typer.echo(f"Error: {err.message}", err=True)
        sys.exit(1)
