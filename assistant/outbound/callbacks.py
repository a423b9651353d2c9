"""Call-backs from the website (R22): take a request once, queue it, record each attempt.

A request is taken once per `request_id`, however often and however concurrently the
website posts it: the unique constraint decides, and a loser of the race reads the
winner's row. An unanswered attempt is retried later; after three the request is closed
as unreachable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant import metrics
from assistant.auth.audit import guard, guard_read, record
from assistant.auth.rights import Actor
from assistant.clients.models import ClientPhone
from assistant.errors import DeskError
from assistant.i18n import N_, _
from assistant.outbound.callback_input import (
    LIMITS,
    CallbackInput,
    InvalidCallback,
    parse_request,
)
from assistant.outbound.callback_queue import (
    QueueItem,
    UnknownCallback,
    item_of,
    queue_query,
)
from assistant.outbound.models import CallbackAttempt, CallbackRequest
from assistant.timeutil import utcnow

OUTCOMES = {
    "answered": N_("answered"),
    "no_answer": N_("no answer"),
    "wrong_number": N_("wrong number"),
}
MAX_UNANSWERED = 3
RETRY_AFTER = timedelta(hours=2)
# The least time between two tries: a retry squeezed into a closing window keeps this gap.
MIN_GAP = timedelta(minutes=15)


@dataclass(frozen=True)
class Received:
    """The request's id, and whether this post created it (False: a repeat)."""

    id: int
    created: bool


class CallbackDesk:
    """The website's requests: received over HTTP, worked by operators."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        default_country_code: str,
        write_session_factory: sessionmaker[Session] | None = None,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = session_factory
        # SQLite: a write after a read in one transaction fails at once when another
        # writer holds the lock; BEGIN IMMEDIATE (db.writer) waits for it instead.
        self._writes = write_session_factory or session_factory
        self._country = default_country_code
        self._now = now

    @metrics.measured("callbacks")
    def receive(self, payload: object, *, source: str | None = None) -> Received:
        """Take the posted request, or return the one already taken under its request_id.

        Raises InvalidCallback (every problem in `problems`) on bad input. Posting needs
        only the endpoint's token, checked by the caller: no desk user acts here.
        """
        try:
            given = parse_request(payload, now=self._now(), country_code=self._country)
        except InvalidCallback:
            # A repeat is the same request even if it no longer passes (its window has
            # gone by since the first post): it gets the id, never a second row.
            known = self._known(payload)
            if known is None:
                raise
            return Received(known, created=False)
        try:
            with self._writes.begin() as session:
                existing = self._find(session, given.request_id)
                if existing is not None:
                    return Received(existing, created=False)
                row = self._new_row(session, given, source)
                session.add(row)
                session.flush()
                return Received(row.id, created=True)
        except IntegrityError:
            # Another post of the same request_id won the race: its row is the request.
            with self._sessions() as session:
                again = self._find(session, given.request_id)
            if again is None:
                raise
            return Received(again, created=False)

    def queue(self, *, actor: Actor, status: str = "open", limit: int = 500) -> list[QueueItem]:
        """Requests of `status` ("all" for every one), the next to call first."""
        guard_read(self._sessions, actor, "callbacks")
        now = self._now()
        with self._sessions() as session:
            rows = session.execute(queue_query(status, limit))
            return [item_of(request, code, now) for request, code in rows]

    def get(self, callback_id: int, *, actor: Actor) -> QueueItem:
        guard_read(self._sessions, actor, f"callback {callback_id}")
        with self._sessions() as session:
            return self._item(session, callback_id)

    def attempt(
        self,
        callback_id: int,
        *,
        outcome: str,
        actor: Actor,
        call_id: int | None = None,
        note: str | None = None,
    ) -> QueueItem:
        """Record one try: answered closes it done, wrong number closes it unreachable,
        no answer retries later, or closes it unreachable after the third."""
        if outcome not in OUTCOMES:
            raise DeskError(
                _("Unknown outcome {outcome!r}: use one of {outcomes}.").format(
                    outcome=outcome, outcomes=", ".join(OUTCOMES)
                ),
                field="outcome",
            )
        what = f"callback {callback_id}"
        guard(self._sessions, actor, "callback.work", what)
        now = self._now()
        with self._writes.begin() as session:
            row = session.get(CallbackRequest, callback_id, with_for_update=True)
            if row is None:
                raise UnknownCallback(_("There is no call-back {id}.").format(id=callback_id))
            if row.status != "open":
                raise DeskError(
                    _("Call-back {id} is already closed ({status}).").format(
                        id=callback_id, status=row.status
                    )
                )
            before = {"status": row.status, "attempts": row.attempts}
            session.add(
                CallbackAttempt(
                    request_id=row.id,
                    call_id=call_id,
                    operator=actor.name,
                    outcome=outcome,
                    note=note,
                    at=now,
                )
            )
            row.attempts += 1
            _settle(row, outcome, now)
            after = {"status": row.status, "attempts": row.attempts, "outcome": outcome}
            record(session, actor, "callback.work", what, before=before, after=after)
            session.flush()
            return self._item(session, callback_id)

    def _item(self, session: Session, callback_id: int) -> QueueItem:
        query = queue_query("all", 1).where(CallbackRequest.id == callback_id)
        found = session.execute(query).one_or_none()
        if found is None:
            raise UnknownCallback(_("There is no call-back {id}.").format(id=callback_id))
        return item_of(found[0], found[1], self._now())

    def _known(self, payload: object) -> int | None:
        request_id = payload.get("request_id") if isinstance(payload, dict) else None
        if not isinstance(request_id, str) or len(request_id) > LIMITS["request_id"]:
            return None
        with self._sessions() as session:
            return self._find(session, request_id.strip())

    def _find(self, session: Session, request_id: str) -> int | None:
        query = select(CallbackRequest.id).where(CallbackRequest.request_id == request_id)
        return session.scalars(query).first()

    def _new_row(
        self, session: Session, given: CallbackInput, source: str | None
    ) -> CallbackRequest:
        query = select(ClientPhone.client_id).where(ClientPhone.phone == given.phone_key)
        client_id = session.scalars(query.order_by(ClientPhone.client_id).limit(1)).first()
        return CallbackRequest(
            request_id=given.request_id,
            name=given.name,
            phone=given.phone,
            phone_key=given.phone_key,
            company=given.company,
            topic=given.topic,
            window_from=given.window_from,
            window_to=given.window_to,
            consent=True,
            client_id=client_id,
            status="open",
            attempts=0,
            received_at=self._now(),
            source_address=source[:64] if source else None,
        )


def _settle(row: CallbackRequest, outcome: str, now: datetime) -> None:
    """The request's status after an attempt with `outcome` at `now`."""
    if outcome == "answered":
        row.status, row.answered_at, row.closed_at = "done", now, now
    elif outcome == "wrong_number" or row.attempts >= MAX_UNANSWERED:
        row.status, row.closed_at = "unreachable", now
    else:
        row.next_try_at = _retry_at(now, row.window_to)


def _retry_at(now: datetime, window_to: datetime) -> datetime:
    """Two hours on, or one more try before a window that closes sooner."""
    later = now + RETRY_AFTER
    if later > window_to and window_to - MIN_GAP >= now + MIN_GAP:
        return window_to - MIN_GAP
    return later
