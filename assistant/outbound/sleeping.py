"""Sleeping clients (R23): clients silent for much longer than they usually are.

A client is sleeping when it has ordered on at least 3 days and the days since its last
order exceed its usual interval times a factor (DESK_SLEEPING_FACTOR, 2 by default).

The usual interval is the MEDIAN gap between its order days, not the mean: one long
pause in the past (a season closed, a renovation) or a burst of orders two days apart
would pull a mean far from the rhythm the operator knows the client by, and the median
stays on it. The value a client used to bring per month is what it ordered in total
over its active span (first order to last, plus one usual interval, since the last
order covered the time until the next), per month of 30.44 days. Sleepers are ranked
by it, the most valuable first.

The heavy part runs in SQL (orders grouped per client and day, see order_days.py); the
few numbers per client are worked out here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import groupby, pairwise
from statistics import median
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.audit import guard_read
from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.errors import DeskError
from assistant.i18n import _, ngettext
from assistant.outbound.order_days import order_days

MIN_ORDERS = 3
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Sleeper:
    """A sleeping client, with the numbers that make it one."""

    client_id: int
    code: str
    name: str
    type: str
    orders: int  # days it ordered on
    last_order: date
    usual_interval_days: float
    days_silent: int
    monthly_value: float

    @property
    def reason(self) -> str:
        """Why it is listed, as the operator says it: "orders every 9 days, silent for 34"."""
        every = max(1, round(self.usual_interval_days))
        return _("{every}, {silent}").format(
            every=ngettext("orders every day", "orders every {n} days", every).format(n=every),
            silent=ngettext("silent for {n} day", "silent for {n} days", self.days_silent).format(
                n=self.days_silent
            ),
        )

    def as_dict(self) -> dict[str, Any]:
        """The shape `desk sleeping --json` prints."""
        return {
            "client": self.code,
            "usual_interval_days": round(self.usual_interval_days, 2),
            "days_silent": self.days_silent,
            "monthly_value": round(self.monthly_value, 2),
            "reason": self.reason,
        }


def check_factor(factor: float) -> float:
    """The factor, or a DeskError saying what a factor is."""
    if not factor >= 1:
        raise DeskError(
            _(
                "The sleeping factor must be 1 or more (2 means silent for twice the usual "
                "interval); {factor} was given."
            ).format(factor=factor),
            field="factor",
        )
    return float(factor)


def find_sleepers(
    session: Session, *, as_of: date, factor: float = 2.0, client_type: str | None = None
) -> list[Sleeper]:
    """The sleeping clients as of `as_of` (orders after it are not seen), most valuable first.

    For the reports too: a plain function over a session, no rights checked here.
    """
    factor = check_factor(factor)
    days = order_days(until=as_of)
    enough = (
        select(days.c.client_id)
        .group_by(days.c.client_id)
        .having(func.count() >= MIN_ORDERS)
        .subquery("enough")
    )
    query = (
        select(Client.id, Client.code, Client.name, Client.type, days.c.day, days.c.value)
        .join(enough, enough.c.client_id == Client.id)
        .join(days, days.c.client_id == Client.id)
        .order_by(Client.id, days.c.day)
    )
    if client_type:
        query = query.where(Client.type == client_type)
    found = []
    for _key, rows in groupby(session.execute(query), key=lambda r: r[0]):
        listed = list(rows)
        sleeper = _sleeper(listed, as_of=as_of, factor=factor)
        if sleeper is not None:
            found.append(sleeper)
    return sorted(found, key=lambda s: (-round(s.monthly_value, 2), s.code))


def _sleeper(rows: list[Any], *, as_of: date, factor: float) -> Sleeper | None:
    """One client's order days (sorted) made into a Sleeper, or None while it is awake."""
    days = [r.day for r in rows]
    usual = float(median((b - a).days for a, b in pairwise(days)))
    silent = (as_of - days[-1]).days
    if silent <= factor * usual:
        return None
    span = (days[-1] - days[0]).days + usual
    total = sum(float(r.value or 0) for r in rows)
    first = rows[0]
    return Sleeper(
        client_id=first.id,
        code=first.code,
        name=first.name,
        type=first.type,
        orders=len(days),
        last_order=days[-1],
        usual_interval_days=usual,
        days_silent=silent,
        monthly_value=total / span * DAYS_PER_MONTH,
    )


class SleepingClients:
    """The sleepers as the CLI and the Call tasks page ask for them."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        factor: float,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sessions = session_factory
        self._factor = factor
        self._today = today

    @property
    def factor(self) -> float:
        """The configured factor (DESK_SLEEPING_FACTOR)."""
        return self._factor

    def list(
        self,
        *,
        actor: Actor,
        client_type: str | None = None,
        as_of: date | None = None,
        factor: float | None = None,
    ) -> list[Sleeper]:
        """The sleepers now (or as of a day), of one client type or all."""
        guard_read(self._sessions, actor, "sleeping clients")
        with self._sessions() as session:
            return find_sleepers(
                session,
                as_of=as_of or self._today(),
                factor=self._factor if factor is None else factor,
                client_type=client_type or None,
            )
