"""What a call did, read back from the log: offers made and answered, the order, the script.

The live page keeps the same facts in `LiveCall`; both feed `compliance.meter`, so what the
operator saw on the meter is what an order from that call is checked against.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.calls.compliance import Check, by_requirement, meter
from assistant.calls.models import Call
from assistant.calls.state import OrderDetails
from assistant.catalog.models import Product
from assistant.clients.models import Client
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order


@dataclass(frozen=True)
class Conduct:
    """One call's offers, answers and script as the log holds them."""

    call_id: int
    offered: list[tuple[str, str]]
    answered: dict[str, bool]
    names: dict[str, str]  # sku -> product name, for messages
    regional: bool
    script_version: str | None
    skipped: dict[str, str] = field(default_factory=dict)

    def checks(self, lines: Collection[str], details: OrderDetails | None) -> list[Check]:
        """The meter for this call with the given order on it."""
        return meter(
            offered=self.offered,
            answered=self.answered,
            lines=lines,
            details=details,
            regional=self.regional,
        )


def read_conduct(session: Session, call_id: int) -> Conduct | None:
    """The call's conduct, or None when there is no such call."""
    call = session.get(Call, call_id)
    if call is None:
        return None
    client = session.get(Client, call.client_id) if call.client_id else None
    offers = sorted(call.offers, key=lambda o: o.id)
    skus = {o.sku for o in offers}
    names = dict(
        session.execute(select(Product.sku, Product.name).where(Product.sku.in_(skus))).all()
    )
    return Conduct(
        call_id=call.id,
        offered=[(o.sku, o.kind) for o in offers],
        answered={o.sku: o.accepted for o in offers if o.accepted is not None},
        names=names,
        regional=bool(client and client.regional),
        script_version=call.script_version,
        skipped=dict(call.skipped or {}),
    )


def details_of_draft(draft: OrderDraft) -> OrderDetails:
    """What the order file agreed besides the lines."""
    return OrderDetails(
        delivery_date=draft.delivery_date,
        window=draft.delivery_window,
        receiver=draft.receiver,
        payment=draft.payment,
        documents=list(draft.documents),
        pickup_at=draft.pickup_at,
        ship_to=draft.ship_to,
        notes=draft.notes,
    )


def placed_in_call(session: Session, call_id: int) -> tuple[set[str], OrderDetails | None]:
    """The SKUs and the agreed details of the order(s) placed in the call (the newest's details)."""
    orders = session.scalars(select(Order).where(Order.call_id == call_id).order_by(Order.id)).all()
    if not orders:
        return set(), None
    last = orders[-1]
    details = OrderDetails(
        delivery_date=last.delivery_date if last.pickup_at is None else None,
        window=last.delivery_window,
        receiver=last.receiver,
        payment=last.payment,
        documents=list(last.documents or []),
        pickup_at=last.pickup_at,
        ship_to=last.ship_to,
        notes=last.notes,
    )
    return {line.sku for order in orders for line in order.lines}, details


def script_report(session: Session, call_id: int) -> dict[str, object]:
    """The call's script: version followed, each requirement's state, reasons, ticks."""
    conduct = read_conduct(session, call_id)
    call = session.get(Call, call_id)
    if conduct is None or call is None:
        return {}
    lines, details = placed_in_call(session, call_id)
    checks = conduct.checks(lines, details)
    if details is None:
        # No order in this call: what an order would have agreed does not apply.
        checks = [c for c in checks if c.requirement in ("R11", "R12")]
    return {
        "script_version": conduct.script_version,
        "compliance": by_requirement(checks, conduct.skipped),
        "skipped": conduct.skipped,
        "ticked": list(call.script_ticked or []),
    }
