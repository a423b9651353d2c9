"""Placing an order: every check, prices from the column, one transaction, idempotent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant import metrics
from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.catalog.models import Product
from assistant.catalog.pricing import PriceBook, choose_column
from assistant.clients.lookup import ClientDirectory
from assistant.clients.models import Client
from assistant.clients.routing import Router
from assistant.credit.service import CreditService, CreditStatus
from assistant.db import write_or_recover
from assistant.discounts.engine import DiscountBook
from assistant.errors import (
    CreditBlocked,
    DeskError,
    IdempotencyConflict,
    MustTransfer,
    UnknownClient,
)
from assistant.i18n import _
from assistant.orders.checks import (
    check_delivery,
    check_headroom,
    check_lines,
    merge_lines,
    record_debt_refusal,
)
from assistant.orders.discounting import PricedLine, price_lines
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order, OrderLine
from assistant.rules import PriceRules


@dataclass(frozen=True)
class PlacedOrder:
    """The order as written, in the shape the CLI prints."""

    order_no: str
    client: str
    status: str
    total: Decimal
    price_column: str
    lines: list[dict[str, Any]]
    duplicate: bool = False
    discounts: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, order: Order, client_code: str, *, duplicate: bool = False) -> PlacedOrder:
        return cls(
            order_no=order.order_no,
            client=client_code,
            status=order.status,
            total=order.total,
            price_column=order.price_column,
            lines=[line.as_dict() for line in order.lines],
            duplicate=duplicate,
            discounts=[
                {**d, "percent": float(d["percent"]), "amount": float(d["amount"])}
                for d in order.discounts or []
            ],
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "order_no": self.order_no,
            "client": self.client,
            "status": self.status,
            "total": float(self.total),
            "price_column": self.price_column,
            "lines": self.lines,
            "discounts": self.discounts,
            "duplicate": self.duplicate,
        }


class OrderPlacement:
    """Validates a draft against every rule and writes it once."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        write_session_factory: sessionmaker[Session],
        directory: ClientDirectory,
        router: Router,
        credit: CreditService,
        prices: PriceBook,
        price_rules: PriceRules,
        discounts: DiscountBook,
        today: Callable[[], date] = date.today,
        on_placed: Callable[[], None] | None = None,
        script_gate: Callable[[OrderDraft], None] | None = None,
    ) -> None:
        self._sessions = session_factory
        self._writes = write_session_factory
        self._directory = directory
        self._router = router
        self._credit = credit
        self._prices = prices
        self._price_rules = price_rules
        self._discounts = discounts
        self._today = today
        self._on_placed = on_placed
        # From the calls layer: an order taken in a call is checked against its script.
        self._script_gate = script_gate

    @metrics.measured("orders")
    def place(self, *, draft: OrderDraft, actor: Actor) -> PlacedOrder:
        """The placed order (audited with it), or the same order again for a key already used.

        Refused, and the refusal audited, unless `actor` may place orders.
        """
        # A connection lost on the way (a database restart) refuses with "try again", or,
        # when the COMMIT got through before the answer was lost, returns the order written.
        return write_or_recover(
            lambda: self._place(draft, actor),
            recover=lambda: self._by_key(draft.idempotency_key, draft.client_code),
        )

    def _place(self, draft: OrderDraft, actor: Actor) -> PlacedOrder:
        audit.guard(self._writes, actor, "order.place", draft.client_code)
        earlier = self._by_key(draft.idempotency_key, draft.client_code)
        if earlier is not None:
            return earlier
        client = self._directory.by_code(draft.client_code)
        if client is None:
            raise UnknownClient(
                _(
                    "No client has the code {code!r}. Look the caller up by phone or name and "
                    "use the code shown on the card."
                ).format(code=draft.client_code),
                field="client",
            )
        today = self._today()
        column = choose_column(client, self._price_rules).column
        credit = self._check_gates(client, draft, today, actor)
        lines = merge_lines(draft.lines)
        priced = self._prices.lookup(skus=[line.sku for line in lines], column=column)
        problems: list[DeskError] = check_lines(lines, priced, column=column)
        problems += check_delivery(draft, regional=client.regional, today=today)
        if problems:
            raise DeskError.first_of(problems)
        if self._script_gate is not None:
            self._script_gate(draft)
        # The same pricing as the live quote (orders/discounting.py), so both agree.
        programmes = self._discounts.in_force(client_type=client.type, day=today)
        priced_lines, applied = price_lines(lines, priced, programmes)
        rows = [_order_line(line, priced[line.sku].product) for line in priced_lines]
        total = sum((row.line_total for row in rows), Decimal(0))
        check_headroom(credit, total)
        discounts = [
            {**d.as_dict(), "percent": str(d.percent), "amount": str(d.amount)} for d in applied
        ]
        return self._write(client, draft, column, rows, total, actor, discounts)

    def _check_gates(self, client: Client, draft: OrderDraft, on: date, by: Actor) -> CreditStatus:
        """Credit first (no override), then routing (override with a written reason)."""
        credit = self._credit.check(client_id=client.id, limit=client.credit_limit, as_of=on)
        if credit.blocked:
            record_debt_refusal(self._writes, by, client.code, draft.call_id, credit.overdue)
            route = self._router.route(client=client, purpose="order", credit_blocked=True)
            refused = _("{reason} No order can be placed (R8-R9).").format(reason=credit.reason)
            # Whom to transfer to is the route's own sentence, said after the refusal.
            raise CreditBlocked(f"{refused} {route.reason}" if route.to else refused)
        route = self._router.route(
            client=client, purpose="order", is_new=self._router.is_new(client)
        )
        if not route.takes_order:
            reason = (draft.override_route_reason or "").strip()
            if len(reason) < 5:
                raise MustTransfer(
                    _(
                        "{reason} To place the order anyway, give the reason for the override "
                        "(it is recorded)."
                    ).format(reason=route.reason)
                )
        return credit

    def _write(
        self,
        client: Client,
        draft: OrderDraft,
        column: str,
        rows: list[OrderLine],
        total: Decimal,
        actor: Actor,
        discounts: list[dict[str, Any]],
    ) -> PlacedOrder:
        try:
            with self._writes() as session, session.begin():
                # Checked again under the write lock: the key may have been used meanwhile.
                if session.scalar(_key_query(draft.idempotency_key)) is None:
                    order = _new_order(client, draft, column, rows, total, actor.name)
                    order.discounts = discounts
                    session.add(order)
                    session.flush()
                    placed = PlacedOrder.of(order, client.code)
                    audit.record(
                        session, actor, "order.place", order.order_no, after=_audited(placed, draft)
                    )
                else:
                    placed = None
        except IntegrityError:
            placed = None  # another worker placed the same key first (PostgreSQL)
        if placed is None:
            earlier = self._by_key(draft.idempotency_key, draft.client_code)
            assert earlier is not None, "idempotency key conflict without an order"
            return earlier
        if self._on_placed is not None:
            self._on_placed()
        return placed

    def _by_key(self, key: str, client_code: str) -> PlacedOrder | None:
        with self._sessions() as session:
            order = session.scalar(_key_query(key))
            if order is None:
                return None
            code = session.scalar(select(Client.code).where(Client.id == order.client_id))
            if code != client_code:
                raise IdempotencyConflict(
                    _(
                        "The idempotency key {key!r} was already used for order {order_no} of "
                        "client {client}. Use a new key for a new order."
                    ).format(key=key, order_no=order.order_no, client=code)
                )
            return PlacedOrder.of(order, code, duplicate=True)


def _audited(placed: PlacedOrder, draft: OrderDraft) -> dict[str, Any]:
    """What the audit row keeps of a placed order: ids and amounts, and an override's reason."""
    reason = draft.override_route_reason
    return {"client": placed.client, "total": str(placed.total), "lines": len(placed.lines),
            "call_id": draft.call_id, "route_override_reason": reason}  # fmt: skip


def _key_query(key: str) -> Any:
    return select(Order).where(Order.idempotency_key == key)


def _order_line(line: PricedLine, product: Product) -> OrderLine:
    # check_lines refused lines without a price
    assert line.unit_price is not None and line.line_total is not None
    return OrderLine(
        product_id=product.id,
        sku=line.sku,
        name=product.name,
        qty=line.qty,
        list_price=line.list_price,
        discount_percent=line.discount_percent,
        discount_code=line.discount_code,
        unit_price=line.unit_price,
        line_total=line.line_total,
    )


def _new_order(
    client: Client,
    draft: OrderDraft,
    column: str,
    rows: list[OrderLine],
    total: Decimal,
    operator: str,
) -> Order:
    delivery_date = draft.delivery_date or (draft.pickup_at.date() if draft.pickup_at else None)
    assert delivery_date is not None  # check_delivery refused a draft without one
    return Order(
        idempotency_key=draft.idempotency_key,
        client_id=client.id,
        call_id=draft.call_id,
        operator=operator,
        status="placed",
        price_column=column,
        total=total,
        delivery_date=delivery_date,
        delivery_window=draft.delivery_window,
        receiver=draft.receiver,
        payment=draft.payment,
        documents=list(draft.documents),
        pickup_at=draft.pickup_at,
        ship_to=draft.ship_to,
        notes=draft.notes,
        route_override_reason=draft.override_route_reason,
        lines=rows,
    )
