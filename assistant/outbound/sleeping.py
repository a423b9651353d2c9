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
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.audit import guard_read
from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.errors import DeskError
from assistant.i18n import _, ngettext
from assistant.outbound.rhythm import silent_too_long

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
    rhythms = silent_too_long(
        session, as_of=as_of, factor=factor, min_orders=MIN_ORDERS, client_type=client_type
    ).subquery("rhythms")
    query = select(Client.id, Client.code, Client.name, Client.type, rhythms).join(
        rhythms, rhythms.c.client_id == Client.id
    )
    found = [_sleeper(row, as_of=as_of) for row in session.execute(query)]
    return sorted(found, key=lambda s: (-round(s.monthly_value, 2), s.code))


def _sleeper(row: Any, *, as_of: date) -> Sleeper:
    """A client's rhythm, as rhythm.silent_too_long gives it, made into a Sleeper."""
    usual, silent = float(row.usual), round(row.silent)
    return Sleeper(
        client_id=row.id,
        code=row.code,
        name=row.name,
        type=row.type,
        orders=int(row.days),
        last_order=as_of - timedelta(days=silent),
        usual_interval_days=usual,
        days_silent=silent,
        monthly_value=float(row.total or 0) / (float(row.span) + usual) * DAYS_PER_MONTH,
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
