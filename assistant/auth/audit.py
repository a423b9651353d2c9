"""The audit log: every change and every refused attempt, who, when, on what (issue 10, R21).

A change's row is added in the caller's own transaction, so a change that fails leaves no
row claiming it succeeded; a refusal writes its row alone, since nothing else is written.
Rows carry codes, numbers and states, never passwords.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.models import AuditEntry
from assistant.auth.rights import Actor, Forbidden, require
from assistant.db import text_equals

log = logging.getLogger(__name__)

# Keys never stored in before/after, whatever a caller passes.
_SECRET_KEYS = frozenset({"password", "password_hash", "secret", "token"})


def record(
    session: Session,
    actor: Actor,
    action: str,
    object: str | None,  # noqa: A002 - the audit log's own word for what was changed
    *,
    before: Any = None,
    after: Any = None,
    outcome: str = "ok",
) -> None:
    """Add the row to `session`: it commits, or rolls back, with the change it describes."""
    session.add(
        AuditEntry(
            actor=actor.name,
            action=action,
            object=object[:200] if object else object,
            before=_clean(before),
            after=_clean(after),
            outcome=outcome,
        )
    )


def refused(
    sessions: sessionmaker[Session],
    actor: Actor,
    action: str,
    object: str | None = None,  # noqa: A002
) -> None:
    """Record a refused attempt in a transaction of its own."""
    with sessions.begin() as session:
        record(session, actor, action, object, outcome="forbidden")
    log.info("refused %s to %s on %s", action, actor.name, object)


def guard(
    sessions: sessionmaker[Session],
    actor: Actor,
    action: str,
    object: str | None = None,  # noqa: A002
) -> None:
    """`require`, with the refusal recorded before it is raised."""
    try:
        require(actor, action)
    except Forbidden:
        refused(sessions, actor, action, object)
        raise


def guard_read(
    sessions: sessionmaker[Session],
    actor: Actor,
    what: str,
) -> None:
    """Reading client data or prices: refused to a trainee outside training, and recorded."""
    guard(sessions, actor, "data.read", what)


@contextmanager
def audited(
    sessions: sessionmaker[Session],
    actor: Actor,
    action: str,
    object: str | None = None,  # noqa: A002
) -> Iterator[Session]:
    """Guard, then one transaction for the change and its "ok" row (added by the caller)."""
    guard(sessions, actor, action, object)
    with sessions.begin() as session:
        yield session


@dataclass(frozen=True)
class AuditFilter:
    """What the log is narrowed by: from a day on, one user, one action."""

    since: date | None = None
    user: str | None = None
    action: str | None = None
    limit: int = 500


class AuditLog:
    """Reads the log, newest first; heads and admins only."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def exported(self, *, actor: Actor, what: str, rows: int) -> None:
        """Data left the desk as a file (R21): who took what, and how much of it."""
        with self._sessions.begin() as session:
            record(session, actor, "export", what, after={"rows": rows})

    def list(self, *, actor: Actor, where: AuditFilter | None = None) -> list[dict[str, Any]]:
        guard(self._sessions, actor, "audit.read")
        f = where or AuditFilter()
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(f.limit)
        if f.since:
            query = query.where(AuditEntry.at >= datetime.combine(f.since, time.min))
        if f.user:
            query = query.where(text_equals(AuditEntry.actor, f.user))
        if f.action:
            query = query.where(AuditEntry.action == f.action)
        with self._sessions() as session:
            return [_entry_dict(e) for e in session.scalars(query)]


def _entry_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(timespec="seconds"),
        "actor": entry.actor,
        "action": entry.action,
        "object": entry.object,
        "before": entry.before,
        "after": entry.after,
        "outcome": entry.outcome,
    }


def _clean(value: Any) -> Any:
    """JSON-ready, with secrets dropped at any depth."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items() if str(k) not in _SECRET_KEYS}
    if isinstance(value, list | tuple | set | frozenset):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # Decimal, date, datetime: as text
