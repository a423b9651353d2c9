"""What the figures are narrowed by: a period of days, one operator, one client type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from assistant.errors import DeskError
from assistant.i18n import _


class BadPeriod(DeskError):
    code = "bad_period"


@dataclass(frozen=True)
class ReportFilter:
    """From the first day to the last, both whole (UTC days, as the desk stores times)."""

    date_from: date
    date_to: date
    operator: str | None = None
    client_type: str | None = None

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise BadPeriod(
                _(
                    "The period starts ({start}) after it ends ({end}): give the earlier day "
                    "as the start."
                ).format(start=self.date_from.isoformat(), end=self.date_to.isoformat()),
                field="from",
            )

    @property
    def start(self) -> datetime:
        """The first moment of the period."""
        return datetime.combine(self.date_from, time.min)

    @property
    def end(self) -> datetime:
        """The first moment after the period (times are compared with `<`)."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min)

    def check_type(self, known: Iterable[str]) -> None:
        """Refuse a client type the routing rules do not know, listing those they do."""
        known = sorted(known)
        if self.client_type is not None and self.client_type not in known:
            raise DeskError(
                _("Unknown client type {value!r}; use one of: {allowed}.").format(
                    value=self.client_type, allowed=", ".join(known)
                ),
                field="type",
            )


def parse_day(value: str, name: str) -> date:
    """A day typed as YYYY-MM-DD, or a message that says how to type it."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadPeriod(
            _("{name} {value!r} is not a date: use YYYY-MM-DD.").format(name=name, value=value),
            field=name.lstrip("-"),
        ) from None
