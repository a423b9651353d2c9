"""The head of sales' figures for a period (R26-R27): one read, guarded, all in SQL.

Heads and admins see everyone's figures; an operator sees only its own: without an
operator named, the figures are narrowed to the actor; naming another is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.reports import calls_figures as calls
from assistant.reports import outbound_figures as outbound
from assistant.reports.period import ReportFilter
from assistant.reports.tables import calls as call_table


@dataclass(frozen=True)
class SalesFigures:
    """Every figure of a period, and the tables the page draws and exports."""

    where: ReportFilter
    calls: int
    orders: dict[str, Any]
    offers: dict[str, Any]
    refused_for_debt: int
    transfers: dict[str, int]
    callbacks: dict[str, int]
    skipped_steps: dict[str, int]
    skipped_reasons: list[dict[str, Any]]
    reactivation: dict[str, int]
    feedback_open: dict[str, int]
    per_operator_day: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The shape `desk report --json` prints."""
        return {
            "from": self.where.date_from.isoformat(),
            "to": self.where.date_to.isoformat(),
            "operator": self.where.operator,
            "client_type": self.where.client_type,
            "calls": self.calls,
            **self.orders,
            "offers": self.offers,
            "refused_for_debt": self.refused_for_debt,
            "transfers": self.transfers,
            "callbacks": self.callbacks,
            "skipped_steps": self.skipped_steps,
            "skipped_reasons": self.skipped_reasons,
            "reactivated": self.reactivation["reactivated"],
            "sleeping_called": self.reactivation["sleeping_called"],
            "feedback_open": self.feedback_open,
            "per_operator_day": self.per_operator_day,
        }

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Each figure as rows: what the page charts and exports to CSV."""
        return {
            "per_operator_day": self.per_operator_day,
            "offers": [{"kind": k, **v} for k, v in self.offers["by_kind"].items()],
            "skipped": self.skipped_reasons,
            "transfers": outbound.as_rows(self.transfers, "reason"),
            "feedback": outbound.as_rows(self.feedback_open, "department"),
        }


class SalesReports:
    """Computes the figures; reading them needs reports.read (and reports.all for others')."""

    def __init__(
        self, *, session_factory: sessionmaker[Session], client_types: Iterable[str] = ()
    ) -> None:
        self._sessions = session_factory
        self._client_types = tuple(client_types)

    def figures(self, *, where: ReportFilter, actor: Actor) -> SalesFigures:
        """The figures of the period, narrowed to the actor when it may see only its own."""
        where = self.allowed(where, actor)
        if self._client_types:
            where.check_type(self._client_types)
        with self._sessions() as session:
            skipped, reasons = calls.skipped_steps(session, where)
            days = calls.per_operator_day(session, where)
            return SalesFigures(
                where=where,
                calls=sum(row["calls"] for row in days),
                orders=calls.order_totals(session, where, days),
                offers=calls.offers(session, where),
                refused_for_debt=outbound.refused_for_debt(session, where),
                transfers=calls.transfers(session, where),
                callbacks=outbound.callbacks(session, where),
                skipped_steps=skipped,
                skipped_reasons=reasons,
                reactivation=outbound.reactivated(session, where),
                feedback_open=outbound.feedback_open(session, where),
                per_operator_day=days,
            )

    def allowed(self, where: ReportFilter, actor: Actor) -> ReportFilter:
        """The filter as the actor may use it; a refusal is audited and raised."""
        audit.guard(self._sessions, actor, "reports.read", "reports")
        if actor.may("reports.all") or where.operator == actor.name:
            return where
        if where.operator is not None:
            audit.guard(self._sessions, actor, "reports.all", f"reports of {where.operator}")
        return replace(where, operator=actor.name)

    def operators(self) -> tuple[str, ...]:
        """Everyone who has logged a call, for the operator filter."""
        with self._sessions() as session:
            return tuple(
                session.scalars(
                    select(call_table.c.operator).distinct().order_by(call_table.c.operator)
                )
            )

    @property
    def client_types(self) -> tuple[str, ...]:
        return self._client_types
