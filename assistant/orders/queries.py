"""Placed orders for department heads: list, detail, move along (R18)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.db import text_equals
from assistant.errors import DeskError, UnknownOrder
from assistant.i18n import N_, _
from assistant.orders.models import (
    ORDER_NO_PREFIX,
    ORDER_STATUSES,
    HistoryLine,
    Order,
    OrderStatusChange,
    status_label,
)
from assistant.timeutil import utcnow


@dataclass(frozen=True)
class OrderFilter:
    """What a head narrows the order list by."""

    client_code: str | None = None
    status: str | None = None
    operator: str | None = None
    date_from: date | None = None  # delivery date, inclusive
    date_to: date | None = None
    limit: int = 200


# The columns of the CSV a head exports, in the order a spreadsheet shows them.
CSV_COLUMNS = (
    "order_no",
    "status",
    "client",
    "client_name",
    "delivery_date",
    "delivery_window",
    "lines_count",
    "total",
    "price_column",
    "operator",
    "created_at",
)
# The header row a person reads, in the language of the export; the cells keep machine values
# (codes, ISO dates, plain numbers) so a spreadsheet sorts and sums them. Nothing re-imports
# this file: the ERP's order history has its own columns.
CSV_HEADERS = {
    "order_no": N_("Order"),
    "status": N_("Status"),
    "client": N_("Client code"),
    "client_name": N_("Client name"),
    "delivery_date": N_("Delivery date"),
    "delivery_window": N_("Delivery window"),
    "lines_count": N_("Lines"),
    "total": N_("Total"),
    "price_column": N_("Price column"),
    "operator": N_("Operator"),
    "created_at": N_("Placed (UTC)"),
}


class OrderBook:
    """Reads placed orders and moves them along their statuses."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def has_ordered(self, client_id: int) -> bool:
        """Whether the client ever ordered: a line of ERP history or an order at the desk."""
        with self._sessions() as session:
            in_history = session.scalar(
                select(HistoryLine.id).where(HistoryLine.client_id == client_id).limit(1)
            )
            if in_history is not None:
                return True
            placed = session.scalar(select(Order.id).where(Order.client_id == client_id).limit(1))
        return placed is not None

    def list(self, *, actor: Actor, where: OrderFilter | None = None) -> list[dict[str, Any]]:
        """Orders newest first, each with its client and totals."""
        audit.guard_read(self._sessions, actor, "orders")
        f = where or OrderFilter()
        query = select(Order, Client.code, Client.name).join(Client, Client.id == Order.client_id)
        if f.client_code:
            query = query.where(text_equals(Client.code, f.client_code))
        if f.status:
            query = query.where(Order.status == f.status)
        if f.operator:
            query = query.where(Order.operator == f.operator)
        if f.date_from:
            query = query.where(Order.delivery_date >= f.date_from)
        if f.date_to:
            query = query.where(Order.delivery_date <= f.date_to)
        query = query.order_by(Order.id.desc()).limit(f.limit)
        with self._sessions() as session:
            return [_summary(o, code, name) for o, code, name in session.execute(query)]

    def operators(self) -> tuple[str, ...]:
        """Everyone who has placed an order, for the operator filter."""
        with self._sessions() as session:
            query = select(Order.operator).distinct().order_by(Order.operator)
            return tuple(session.scalars(query))

    def get(self, order_no: str, *, actor: Actor) -> dict[str, Any]:
        """One order in full: lines, delivery, and its status history."""
        audit.guard_read(self._sessions, actor, order_no)
        with self._sessions() as session:
            order = session.get(Order, _order_id(order_no))
            if order is None:
                raise UnknownOrder(_("There is no order {order_no}.").format(order_no=order_no))
            client = session.get(Client, order.client_id)
            assert client is not None
            history = session.scalars(
                select(OrderStatusChange)
                .where(OrderStatusChange.order_id == order.id)
                .order_by(OrderStatusChange.id)
            )
            out = _summary(order, client.code, client.name)
            out.update(
                receiver=order.receiver,
                payment=order.payment,
                documents=order.documents,
                pickup_at=order.pickup_at.isoformat() if order.pickup_at else None,
                ship_to=order.ship_to,
                notes=order.notes,
                route_override_reason=order.route_override_reason,
                next_status=next_status(order.status),
                lines=[line.as_dict() for line in order.lines],
                history=[
                    {"from": h.from_status, "to": h.to_status, "by": h.by, "at": h.at.isoformat()}
                    for h in history
                ],
            )
            return out

    def advance(self, *, order_no: str, to_status: str | None, actor: Actor) -> dict[str, Any]:
        """Move an order one step along (or to `to_status`, never backwards); heads only."""
        with audit.audited(self._sessions, actor, "order.advance", order_no) as session:
            order = session.get(Order, _order_id(order_no), with_for_update=True)
            if order is None:
                raise UnknownOrder(_("There is no order {order_no}.").format(order_no=order_no))
            now = ORDER_STATUSES.index(order.status)
            target = to_status or next_status(order.status) or ""
            if target not in ORDER_STATUSES or ORDER_STATUSES.index(target) <= now:
                onward = ", ".join(status_label(s) for s in ORDER_STATUSES[now + 1 :])
                raise DeskError(
                    _("Order {order_no} is {status}; it can move on to {onward}.").format(
                        order_no=order_no,
                        status=status_label(order.status),
                        onward=onward or _("nothing (it is delivered)"),
                    )
                )
            session.add(
                OrderStatusChange(
                    order_id=order.id, from_status=order.status, to_status=target, by=actor.name
                )
            )
            audit.record(
                session,
                actor,
                "order.advance",
                order_no,
                before={"status": order.status},
                after={"status": target},
            )
            order.status = target
            order.updated_at = utcnow()
        return self.get(order_no, actor=actor)


def next_status(status: str) -> str | None:
    """The status an order moves on to, or None when it has arrived (delivered)."""
    now = ORDER_STATUSES.index(status) if status in ORDER_STATUSES else len(ORDER_STATUSES)
    return ORDER_STATUSES[now + 1] if now + 1 < len(ORDER_STATUSES) else None


def orders_csv(rows: Iterable[dict[str, Any]]) -> str:
    """The order list as CSV text (header first, in the language now), for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writerow({k: _(CSV_HEADERS[k]) for k in CSV_COLUMNS})
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in CSV_COLUMNS})
    return out.getvalue()


def _cell(value: Any) -> Any:
    # A client name like "=HYPERLINK(...)" would run as a formula in a spreadsheet.
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return "" if value is None else value


def _order_id(order_no: str) -> int:
    digits = order_no.strip().upper().removeprefix(ORDER_NO_PREFIX)
    if not digits.isdigit():
        raise UnknownOrder(
            _("{order_no!r} is not an order number (they look like OD-000123).").format(
                order_no=order_no
            )
        )
    return int(digits)


def _summary(order: Order, client_code: str, client_name: str) -> dict[str, Any]:
    return {
        "order_no": order.order_no,
        "client": client_code,
        "client_name": client_name,
        "status": order.status,
        "total": float(order.total),
        "price_column": order.price_column,
        "lines_count": len(order.lines),
        "delivery_date": order.delivery_date.isoformat(),
        "delivery_window": order.delivery_window,
        "operator": order.operator,
        "created_at": order.created_at.isoformat(timespec="seconds"),
    }
