"""Line and delivery checks of a draft; each problem says what to change (R16, R17)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from assistant import formats
from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.catalog.pricing import PricedProduct
from assistant.credit.service import CreditStatus
from assistant.errors import (
    BadQuantity,
    CreditLimitExceeded,
    DeskError,
    InsufficientStock,
    InvalidDelivery,
    NoPrice,
    UnknownSku,
)
from assistant.i18n import N_, _
from assistant.orders.draft import DraftLine, OrderDraft
from assistant.orders.lines import add_line


def merge_lines(lines: Iterable[DraftLine]) -> list[DraftLine]:
    """One line per SKU: a product typed twice means the sum of both quantities."""
    merged: dict[str, Decimal] = {}
    for line in lines:
        add_line(merged, line.sku, line.qty)
    return [DraftLine(sku, qty) for sku, qty in merged.items()]


def check_lines(
    lines: list[DraftLine], priced: dict[str, PricedProduct], *, column: str
) -> list[DeskError]:
    """Known, active, priced products in positive quantities of whole packs."""
    problems: list[DeskError] = []
    for line in lines:
        where = f"lines[{line.sku}]"
        found = priced.get(line.sku)
        if found is None:
            problems.append(
                UnknownSku(
                    _("{sku}: no such product. Search the catalogue by name.").format(sku=line.sku),
                    field=where,
                )
            )
            continue
        product = found.product
        if not product.active:
            problems.append(
                UnknownSku(
                    _("{sku} {name} is no longer sold (inactive). Offer another.").format(
                        sku=line.sku, name=product.name
                    ),
                    field=where,
                )
            )
            continue
        problem = _quantity_problem(line.sku, line.qty, found)
        if problem:
            problems.append(BadQuantity(problem, field=where))
        elif product.stock is not None and line.qty > product.stock:
            problems.append(
                InsufficientStock(
                    _("{sku} {name}: only {stock} {unit} in stock; lower the quantity.").format(
                        sku=line.sku,
                        name=product.name,
                        stock=formats.number(product.stock),
                        unit=product.unit,
                    ),
                    field=where,
                )
            )
        if found.price is None:
            problems.append(
                NoPrice(
                    _(
                        "{sku} {name} has no price in column {column}; "
                        "ask the price-list editor before selling it."
                    ).format(sku=line.sku, name=product.name, column=column),
                    field=where,
                )
            )
    return problems


def _quantity_problem(sku: str, qty: Decimal, found: PricedProduct) -> str | None:
    """What is wrong with `qty` of the product, said in full, or None."""
    product = found.product
    unit = product.unit
    said = {"sku": sku, "name": product.name, "unit": unit, "qty": formats.number(qty)}
    if qty <= 0:
        return _("{sku} {name}: quantity must be more than 0 (got {qty}).").format(**said)
    pack = Decimal(product.pack_size or 1)
    if pack > 0 and pack != 1 and qty % pack != 0:
        lower = (qty // pack) * pack
        upper = lower + pack
        suggestion = (
            formats.number(upper)
            if lower == 0
            else _("{lower} or {upper}").format(
                lower=formats.number(lower), upper=formats.number(upper)
            )
        )
        return _(
            "{sku} {name}: sold in packs of {pack} {unit}; {qty} is not whole packs. "
            "Use {suggestion}."
        ).format(pack=formats.number(pack), suggestion=suggestion, **said)
    if pack == 1 and qty != qty.to_integral_value() and unit in ("kom", "pc", "pak"):
        return _("{sku} {name}: counted in whole {unit}; {qty} is not a whole number.").format(
            **said
        )
    if product.min_qty is not None and qty < product.min_qty:
        return _("{sku} {name}: the minimum is {minimum} {unit}.").format(
            minimum=formats.number(product.min_qty), **said
        )
    return None


def check_delivery(draft: OrderDraft, *, regional: bool, today: date) -> list[DeskError]:
    """A delivery date not in the past, who receives it; regional: pickup or shipping."""
    problems: list[DeskError] = []
    if draft.delivery_date is None and draft.pickup_at is None:
        problems.append(
            InvalidDelivery(
                _("Agree the delivery date with the client (delivery.date, YYYY-MM-DD)."),
                field="delivery.date",
            )
        )
    if draft.delivery_date is not None and draft.delivery_date < today:
        problems.append(
            InvalidDelivery(
                _("The delivery date {date} is in the past; agree a date from {today} on.").format(
                    date=formats.day(draft.delivery_date), today=formats.day(today)
                ),
                field="delivery.date",
            )
        )
    if draft.pickup_at is not None and draft.pickup_at.date() < today:
        problems.append(
            InvalidDelivery(
                _("The pickup time {day} at {time} is in the past.").format(
                    day=formats.day(draft.pickup_at.date()), time=f"{draft.pickup_at:%H:%M}"
                ),
                field="regional.pickup_at",
            )
        )
    if regional and draft.pickup_at is None and not draft.ship_to:
        problems.append(
            InvalidDelivery(
                _(
                    "A regional client either collects at the warehouse or has the goods "
                    "shipped: agree when it comes to collect, or where and how to ship (R17)."
                ),
                field="regional",
            )
        )
    problems += _text_problems(draft)
    if draft.pickup_at is None and not draft.receiver:
        problems.append(
            InvalidDelivery(
                _(
                    "Agree who receives the goods at delivery (receiver): one of the client's "
                    "authorised persons (R16)."
                ),
                field="receiver",
            )
        )
    return problems


# Typed texts of an order, their names in messages and their longest length (the column's
# size, or a page of text for the free ones): longer text is refused, never cut.
_TEXTS = {
    "idempotency_key": (N_("idempotency key"), 120),
    "delivery_window": (N_("delivery window"), 60),
    "receiver": (N_("receiver"), 200),
    "payment": (N_("payment"), 60),
    "ship_to": (N_("ship to"), 2000),
    "notes": (N_("notes"), 2000),
    "override_route_reason": (N_("reason for overriding the route"), 2000),
}


def _text_problems(draft: OrderDraft) -> list[DeskError]:
    """Texts too long for the order or holding a NUL (which PostgreSQL cannot store)."""
    problems: list[DeskError] = []
    for name, (label, limit) in _TEXTS.items():
        value = getattr(draft, name) or ""
        if "\x00" in value:
            message = _("The {field} holds a NUL character (0x00): type it again without it.")
            problems.append(DeskError(message.format(field=_(label)), field=name))
        elif len(value) > limit:
            message = _("The {field} is {length} characters long: shorten it to {limit}.")
            problems.append(
                DeskError(
                    message.format(field=_(label), length=len(value), limit=limit), field=name
                )
            )
    return problems


# An order the credit gate refuses is kept in the audit log for the head's figures
# (reports/outbound_figures.py counts action order.place with this outcome); the row is
# written on its own, since the refused order writes nothing.
REFUSED_DEBT = "refused_debt"


def record_debt_refusal(
    sessions: sessionmaker[Session],
    actor: Actor,
    client_code: str,
    call_id: int | None,
    overdue: float,
) -> None:
    """One audit row: who tried to order for which client, on which call, owing how much."""
    with sessions.begin() as session:
        after = {"reason": "debt", "call_id": call_id, "overdue": overdue}
        audit.record(session, actor, "order.place", client_code, after=after, outcome=REFUSED_DEBT)


def check_headroom(credit: CreditStatus, total: Decimal) -> None:
    """An order may not take the open balance over the credit limit (R10)."""
    headroom = credit.headroom
    if headroom is not None and total > Decimal(str(headroom)):
        raise CreditLimitExceeded(
            _(
                "This order ({total}) is more than the {headroom} left of the credit limit "
                "{limit}. Reduce it, or transfer the client to its manager to raise the "
                "limit (R10)."
            ).format(
                total=formats.money(total),
                headroom=formats.money(headroom),
                limit=formats.money(credit.limit or 0),
            )
        )
