"""One clock for the desk, so tests and "as of" evaluations can pin it."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """Naive UTC now: SQLite keeps no time zone, so the desk stores UTC everywhere."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """The business day of the desk."""
    return date.today()
