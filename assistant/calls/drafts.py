"""The open call's draft order in SQL, so it survives the app process (issue 13).

The live call lives in one browser session of one process; a dead process, or a reload
onto another process behind the proxy, would lose it. The page saves the draft here after
every change and reopens the call from it; the order's idempotency key is part of the
draft, so an order placed before the loss is found again, never placed twice.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.calls.models import Call, CallDraft
from assistant.calls.state import LiveCall
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.orders.models import Order
from assistant.timeutil import utcnow

# "Your open call" looks this far back: an older draft is a call nobody finished.
OPEN_WITHIN = timedelta(hours=12)
VERSION = 1


@dataclass(frozen=True)
class SavedDraft:
    """A call's draft as saved: the call (LiveCall) and the order form's fields."""

    call_id: int
    operator: str
    updated_at: datetime
    call: LiveCall
    form: dict[str, Any]


def snapshot(call: LiveCall, form: dict[str, Any]) -> dict[str, Any]:
    """The draft as JSON: what a reopened call needs, nothing of the screen's caches.

    `form` holds the order form's fields, already JSON (dates as ISO text).
    """
    return {
        "v": VERSION,
        "client_id": call.client_id,
        "operator": call.operator,
        "lines": {sku: str(qty) for sku, qty in call.lines.items()},
        "answered": dict(call.answered),
        "recorded": sorted([sku, kind] for sku, kind in call.recorded),
        "ticked": sorted(call.ticked),
        "purpose": call.purpose,
        "direction": call.direction,
        "skipped": dict(call.skipped),
        "ended": call.ended,
        "order_key": call.order_key,
        "placed_order_no": call.placed_order_no,
        "placed_total": None if call.placed_total is None else str(call.placed_total),
        "placed_delivery": call.placed_delivery.isoformat() if call.placed_delivery else None,
        "closed_outcome": call.closed_outcome,
        "form": form,
    }


def fingerprint(data: dict[str, Any]) -> str:
    """A short hash of a snapshot: the page writes only when it changed."""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def restore(call_id: int, data: dict[str, Any]) -> LiveCall:
    """The LiveCall a snapshot was taken of (the offers shown are asked for again)."""
    total, delivery = data.get("placed_total"), data.get("placed_delivery")
    return LiveCall(
        call_id=call_id,
        client_id=data.get("client_id"),
        operator=data.get("operator"),
        lines={sku: Decimal(qty) for sku, qty in (data.get("lines") or {}).items()},
        answered=dict(data.get("answered") or {}),
        recorded={(sku, kind) for sku, kind in data.get("recorded") or ()},
        ticked=set(data.get("ticked") or ()),
        purpose=data.get("purpose") or "order",
        direction=data.get("direction") or "incoming",
        skipped=dict(data.get("skipped") or {}),
        ended=data.get("ended"),
        order_key=data["order_key"],
        placed_order_no=data.get("placed_order_no"),
        placed_total=None if total is None else Decimal(total),
        placed_delivery=date.fromisoformat(delivery) if delivery else None,
        closed_outcome=data.get("closed_outcome"),
    )


class CallDrafts:
    """Save and reopen the drafts of open calls; each operator reopens only their own."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def save(self, call: LiveCall, form: dict[str, Any], *, actor: Actor) -> None:
        """Upsert the call's draft: one small UPDATE after each change of the draft.

        Guarded like the call log, but with no audit row per save: a draft is part of the
        call being worked, whose offers, answers and outcome are audited already; a row per
        keystroke would drown the log.
        """
        audit.guard(self._sessions, actor, "call.record", f"call {call.call_id}")
        if call.call_id is None:
            return
        data = snapshot(call, form)
        values: dict[str, Any] = {"draft": data, "order_key": call.order_key}
        values["updated_at"] = utcnow()
        if call.placed_order_no:
            order = select(Order.id).where(Order.idempotency_key == call.order_key)
            values["order_id"] = order.scalar_subquery()
        else:
            values["order_id"] = None  # another order of the same call is being taken
        where = update(CallDraft).where(CallDraft.call_id == call.call_id)
        try:
            with self._sessions.begin() as session:
                if session.execute(where.values(**values)).rowcount == 0:  # type: ignore[attr-defined]
                    name = call.operator or actor.name
                    session.add(CallDraft(call_id=call.call_id, operator=name, **values))
        except IntegrityError:
            # Another process inserted the row first (the same call reopened twice): update.
            with self._sessions.begin() as session:
                session.execute(where.values(**values))

    def load(self, call_id: int, *, actor: Actor) -> SavedDraft:
        """The call's draft, for the operator who took it; DeskError for anyone else's."""
        audit.guard_read(self._sessions, actor, "call drafts")
        with self._sessions() as session:
            row = session.scalar(select(CallDraft).where(CallDraft.call_id == call_id))
        if row is None:
            raise DeskError(
                _("Call {call} has no saved draft. Type the caller to start a new call.").format(
                    call=call_id
                )
            )
        if row.operator != actor.name:
            raise DeskError(
                _(
                    "Call {call} is another operator's call ({operator}): only they can reopen "
                    "it. Type the caller to start a call of your own."
                ).format(call=call_id, operator=row.operator)
            )
        return _saved(row)

    def latest_open(self, *, actor: Actor, now: datetime | None = None) -> SavedDraft | None:
        """The operator's newest draft of the last hours whose call is neither placed nor
        closed: the call a dead process or a reload took off their screen."""
        audit.guard_read(self._sessions, actor, "call drafts")
        since = (now or utcnow()) - OPEN_WITHIN
        query = (
            select(CallDraft)
            .join(Call, Call.id == CallDraft.call_id)
            .where(
                CallDraft.operator == actor.name,
                CallDraft.updated_at >= since,
                CallDraft.order_id.is_(None),
                Call.ended_at.is_(None),
            )
            .order_by(CallDraft.updated_at.desc(), CallDraft.id.desc())
            .limit(1)
        )
        with self._sessions() as session:
            row = session.scalar(query)
        return None if row is None else _saved(row)


def _saved(row: CallDraft) -> SavedDraft:
    data = dict(row.draft)
    return SavedDraft(
        call_id=row.call_id,
        operator=row.operator,
        updated_at=row.updated_at,
        call=restore(row.call_id, data),
        form=dict(data.get("form") or {}),
    )
