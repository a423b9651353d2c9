"""What the operator agreed with the client, before it becomes an order (R16, R17)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.errors import BadQuantity, DeskError, InvalidDelivery, InvalidOrder
from assistant.i18n import _

REQUIREMENT = re.compile(r"R\d{1,2}")


@dataclass(frozen=True)
class DraftLine:
    """A product and how much of it."""

    sku: str
    qty: Decimal


@dataclass(frozen=True)
class OrderDraft:
    """An order as agreed on the phone, not yet validated against the catalogue."""

    client_code: str
    idempotency_key: str
    lines: tuple[DraftLine, ...]
    delivery_date: date | None = None
    delivery_window: str | None = None
    receiver: str | None = None
    payment: str | None = None
    documents: tuple[str, ...] = ()
    pickup_at: datetime | None = None
    ship_to: str | None = None
    notes: str | None = None
    call_id: int | None = None
    override_route_reason: str | None = None
    # Why a requirement of the call script was left undone, e.g. {"R12": "client in a hurry"}.
    skipped: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Any, *, override_route_reason: str | None = None) -> OrderDraft:
        """Read the `desk order place` file shape; every shape problem is reported at once."""
        if not isinstance(data, dict):
            raise InvalidOrder(
                _('The order file must hold one JSON object, e.g. {{"client": ...}}.')
            )
        problems: list[DeskError] = []
        client = str(data.get("client") or "").strip()
        if not client:
            problems.append(InvalidOrder(_('Give the client\'s code in "client".'), field="client"))
        key = str(data.get("idempotency_key") or "").strip()
        if not key:
            problems.append(
                InvalidOrder(
                    _(
                        'Give an "idempotency_key" (any unique text, e.g. the call id and a '
                        "counter) so a retry never makes a second order."
                    ),
                    field="idempotency_key",
                )
            )
        lines = _lines(data.get("lines"), problems)
        delivery = data.get("delivery") or {}
        regional = data.get("regional") or {}
        if not isinstance(delivery, dict) or not isinstance(regional, dict):
            problems.append(
                InvalidDelivery(_('"delivery" and "regional" must be objects.'), field="delivery")
            )
            delivery, regional = {}, {}
        delivery_date = _date(delivery.get("date"), "delivery.date", problems)
        pickup_at = _datetime(regional.get("pickup_at"), "regional.pickup_at", problems)
        documents = data.get("documents") or []
        if isinstance(documents, str):
            documents = [documents]
        call_id = _call_id(data.get("call_id"), problems)
        skipped = _skipped(data.get("skipped"), problems)
        if problems:
            raise DeskError.first_of(problems)
        return cls(
            client_code=client,
            idempotency_key=key,
            lines=tuple(lines),
            delivery_date=delivery_date,
            delivery_window=_text(delivery.get("window")),
            receiver=_text(data.get("receiver")),
            payment=_text(data.get("payment")),
            documents=tuple(str(d) for d in documents),
            pickup_at=pickup_at,
            ship_to=_text(regional.get("ship_to")),
            notes=_text(data.get("notes")),
            call_id=call_id,
            override_route_reason=override_route_reason,
            skipped=skipped,
        )


def _lines(raw: Any, problems: list[DeskError]) -> list[DraftLine]:
    if not isinstance(raw, list) or not raw:
        problems.append(
            InvalidOrder(
                _('An order needs at least one line: "lines": [{{"sku", "qty"}}].'),
                field="lines",
            )
        )
        return []
    lines = []
    for i, item in enumerate(raw, start=1):
        sku = str(item.get("sku") or "").strip() if isinstance(item, dict) else ""
        if not sku:
            problems.append(
                InvalidOrder(_('Line {i} has no "sku".').format(i=i), field=f"lines[{i}]")
            )
            continue
        try:
            qty = Decimal(str(item.get("qty")).replace(",", "."))
        except (InvalidOperation, ValueError):
            problems.append(
                BadQuantity(
                    _("Line {i} ({sku}): quantity {qty!r} is not a number.").format(
                        i=i, sku=sku, qty=item.get("qty")
                    ),
                    field=f"lines[{i}]",
                )
            )
            continue
        if not qty.is_finite():
            problems.append(
                BadQuantity(
                    _("Line {i} ({sku}): quantity must be a number.").format(i=i, sku=sku),
                    field=f"lines[{i}]",
                )
            )
            continue
        lines.append(DraftLine(sku=sku, qty=qty))
    return lines


def _call_id(value: Any, problems: list[DeskError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(
            InvalidOrder(
                _(
                    '"call_id" {value!r} is not a call number: use the call_id `desk card` printed.'
                ).format(value=value),
                field="call_id",
            )
        )
        return None
    return value


def _skipped(value: Any, problems: list[DeskError]) -> dict[str, str]:
    """{"R12": "reason"}: every key a requirement, every reason a few words."""
    if value in (None, {}):
        return {}
    fine = isinstance(value, dict) and all(
        REQUIREMENT.fullmatch(str(k)) and isinstance(v, str) and len(v.strip()) >= 3
        for k, v in value.items()
    )
    if not fine:
        problems.append(
            InvalidOrder(
                _(
                    '"skipped" must map requirements to reasons, e.g. '
                    '{{"R12": "client in a hurry"}} (a reason of at least 3 letters).'
                ),
                field="skipped",
            )
        )
        return {}
    return {str(k): str(v).strip() for k, v in value.items()}


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: Any, name: str, problems: list[DeskError]) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            InvalidDelivery(
                _("{name} {value!r} is not a date: use YYYY-MM-DD.").format(name=name, value=value),
                field=name,
            )
        )
        return None


def _datetime(value: Any, name: str, problems: list[DeskError]) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        problems.append(
            InvalidDelivery(
                _("{name} {value!r} is not a date and time: use YYYY-MM-DD HH:MM.").format(
                    name=name, value=value
                ),
                field=name,
            )
        )
        return None
