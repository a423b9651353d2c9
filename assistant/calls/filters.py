"""What the call log is narrowed by and how a call reads out (the log's queries share these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select

from assistant.calls.models import Call
from assistant.clients.models import Client
from assistant.db import text_equals


@dataclass(frozen=True)
class CallFilter:
    """What the call log is narrowed by."""

    client_code: str | None = None
    operator: str | None = None
    purpose: str | None = None
    outcome: str | None = None
    date_from: date | None = None  # the day the call started (UTC), inclusive
    date_to: date | None = None
    limit: int = 200


@dataclass(frozen=True)
class CallCounts:
    """The figures at the top of the call log (R26), over every call the filter matches."""

    calls: int
    orders_placed: int
    transfers: int
    offers_made: int
    offers_accepted: int
    offers_declined: int


_Query = TypeVar("_Query", bound=Select)


def narrow(query: _Query, f: CallFilter) -> _Query:
    """Apply the filter; `query` must already join Client for the client code."""
    if f.client_code:
        query = query.where(text_equals(Client.code, f.client_code))
    if f.operator:
        query = query.where(Call.operator == f.operator)
    if f.purpose:
        query = query.where(Call.purpose == f.purpose)
    if f.outcome:
        query = query.where(Call.outcome == f.outcome)
    # Whole days: from the first day's midnight up to (not including) the day after the last.
    if f.date_from:
        query = query.where(Call.started_at >= datetime.combine(f.date_from, time.min))
    if f.date_to:
        day_after = datetime.combine(f.date_to + timedelta(days=1), time.min)
        query = query.where(Call.started_at < day_after)
    return query


def call_dict(
    call: Call, client_code: str | None, client_name: str | None, to: str | None
) -> dict[str, Any]:
    return {
        "id": call.id,
        "phone": call.phone,
        "client": client_code,
        "client_name": client_name,
        "operator": call.operator,
        "direction": call.direction,
        "purpose": call.purpose,
        "outcome": call.outcome,
        "transferred_to": to,
        "transfer_reason": call.transfer_reason,
        "notes": call.notes,
        "started_at": call.started_at.isoformat(timespec="seconds"),
        "ended_at": call.ended_at.isoformat(timespec="seconds") if call.ended_at else None,
        "script_version": call.script_version,
        "skipped": dict(call.skipped or {}),
        "offers": [
            {"sku": o.sku, "kind": o.kind, "accepted": o.accepted}
            for o in sorted(call.offers, key=lambda o: o.id)
        ],
    }
