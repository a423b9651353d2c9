"""The call-back queue as the operator and `desk callbacks list` see it (R22)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from assistant.clients.models import Client
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.outbound.models import CALLBACK_STATUSES, CallbackRequest

# "all" lists every request whatever its status; the others are CALLBACK_STATUSES.
STATUS_FILTERS = (*CALLBACK_STATUSES, "all")


class UnknownCallback(DeskError):
    code = "unknown_callback"


@dataclass(frozen=True)
class QueueItem:
    """One website request: who, when, how it stands (plain data, never an ORM row)."""

    id: int
    request_id: str
    name: str
    phone: str
    phone_key: str | None
    company: str | None
    topic: str | None
    window_from: datetime
    window_to: datetime
    due_at: datetime  # the window's start, or the retry after an unanswered attempt
    status: str
    attempts: int
    overdue: bool  # still open when its window has closed
    client_id: int | None
    client: str | None  # the client's code, when the phone is a known client's

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("window_from", "window_to", "due_at"):
            out[key] = out[key].isoformat(timespec="minutes")
        return out


def due(request: CallbackRequest) -> datetime:
    return request.next_try_at or request.window_from


def item_of(request: CallbackRequest, client_code: str | None, now: datetime) -> QueueItem:
    return QueueItem(
        id=request.id,
        request_id=request.request_id,
        name=request.name,
        phone=request.phone,
        phone_key=request.phone_key,
        company=request.company,
        topic=request.topic,
        window_from=request.window_from,
        window_to=request.window_to,
        due_at=due(request),
        status=request.status,
        attempts=request.attempts,
        overdue=request.status == "open" and request.window_to < now,
        client_id=request.client_id,
        client=client_code,
    )


def queue_query(status: str, limit: int) -> Select[CallbackRequest, str]:
    """Requests with the client's code, the next to call first (by window or retry time)."""
    if status not in STATUS_FILTERS:
        raise DeskError(
            _("Unknown status {status!r}: use one of {statuses}.").format(
                status=status, statuses=", ".join(STATUS_FILTERS)
            ),
            field="status",
        )
    query = (
        select(CallbackRequest, Client.code)
        .outerjoin(Client, Client.id == CallbackRequest.client_id)
        .order_by(
            func.coalesce(CallbackRequest.next_try_at, CallbackRequest.window_from),
            CallbackRequest.id,
        )
        .limit(limit)
    )
    if status != "all":
        query = query.where(CallbackRequest.status == status)
    return query
