"""What a training call left in its sandbox, read back for scoring: transfer, order, ticks."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select

from assistant.calls.models import Call
from assistant.clients.models import Manager
from assistant.errors import DeskError
from assistant.orders.models import Order
from assistant.services import Services
from assistant.training.facts import OrderFacts


def transferred_to_of(services: Services, call_id: int | None) -> str | None:
    """The code of the manager the call was transferred to, or None."""
    if call_id is None:
        return None
    with services.sessions() as session:
        row = session.get(Call, call_id)
        if row is None or row.transferred_to_id is None:
            return None
        return session.scalars(
            select(Manager.code).where(Manager.id == row.transferred_to_id)
        ).one()


def order_of(services: Services, call_id: int | None) -> OrderFacts | None:
    """The first order placed in the call, with its terms, or None."""
    if call_id is None:
        return None
    with services.sessions() as session:
        order = session.scalars(
            select(Order).where(Order.call_id == call_id).order_by(Order.id)
        ).first()
        if order is None:
            return None
        return OrderFacts(
            order_no=order.order_no,
            lines={line.sku: float(line.qty) for line in order.lines},
            column=order.price_column,
            delivery_date=order.delivery_date,
            receiver=order.receiver,
            payment=order.payment,
            documents=tuple(order.documents or ()),
            pickup=order.pickup_at is not None,
            shipping=bool((order.ship_to or "").strip()),
        )


def discounts_stated(services: Services, language: str, ticked: Collection[str]) -> bool:
    """The discount rules count as stated once a script step serving R14 or R15 is ticked."""
    try:
        script = services.scripts.active(language).value
    except DeskError:
        return False
    return any(
        step.requirement in ("R14", "R15") for sid, step in script.steps.items() if sid in ticked
    )
