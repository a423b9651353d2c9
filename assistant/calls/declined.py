"""What a client said no to lately: the offers layer puts these items last (R11-R12)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.calls.models import Call, OfferMade

# A "no" counts for the client's last few calls, and only while it is fresh: after a
# quarter the season, the price or the client's needs may have changed.
RECENT_CALLS = 5
RECENT_DAYS = 90


class DeclinedOffers:
    """Reads the items a client declined in its recent calls."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def skus(self, *, client_id: int, as_of: date) -> set[str]:
        """SKUs whose latest answer in the client's last RECENT_CALLS calls since
        RECENT_DAYS before `as_of` (the call in progress included) was a no."""
        since = datetime.combine(as_of - timedelta(days=RECENT_DAYS), time.min)
        recent = (
            select(Call.id, Call.started_at)
            .where(Call.client_id == client_id, Call.started_at >= since)
            .order_by(Call.started_at.desc(), Call.id.desc())
            .limit(RECENT_CALLS)
            .subquery()
        )
        answers = (
            select(OfferMade.sku, OfferMade.accepted)
            .join(recent, recent.c.id == OfferMade.call_id)
            .where(OfferMade.accepted.is_not(None))
            .order_by(recent.c.started_at, recent.c.id, OfferMade.id)
        )
        with self._sessions() as session:
            # A later yes overrides an earlier no: the latest answer per SKU wins.
            latest = {sku: accepted for sku, accepted in session.execute(answers)}
        return {sku for sku, accepted in latest.items() if accepted is False}
