"""Figures from the credit gate's refusals, call-backs, call tasks and feedback (R20-R27).

Each is one aggregate query straight on the tables, like calls_figures.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session

from assistant.auth.models import AuditEntry
from assistant.clients.models import Client, Department
from assistant.feedback.desk import OPEN_STATUSES
from assistant.feedback.models import FeedbackItem
from assistant.orders.checks import REFUSED_DEBT
from assistant.outbound.models import CallbackAttempt, CallbackRequest, TaskClient
from assistant.outbound.reactivation import reactivated_ids
from assistant.reports.calls_figures import narrow
from assistant.reports.period import ReportFilter

# How the order gate records an order it refused for overdue debt (orders/checks.py).
REFUSED_ACTION, REFUSED_OUTCOME = "order.place", REFUSED_DEBT


def refused_for_debt(session: Session, f: ReportFilter) -> int:
    """Orders the credit gate refused (R8-R9): its audit rows, the client by code."""
    query = select(func.count(AuditEntry.id)).where(
        AuditEntry.action == REFUSED_ACTION, AuditEntry.outcome == REFUSED_OUTCOME
    )
    query = query.where(AuditEntry.at >= f.start, AuditEntry.at < f.end)
    if f.operator is not None:
        query = query.where(AuditEntry.actor == f.operator)
    if f.client_type is not None:
        codes = select(Client.code).where(Client.type == f.client_type)
        query = query.where(AuditEntry.object.in_(codes))
    return int(session.scalar(query) or 0)


def callbacks(session: Session, f: ReportFilter) -> dict[str, int]:
    """Website requests received in the period, and those answered within their window.

    With an operator, only the requests that operator tried (and answered) count.
    """
    in_window = and_(
        CallbackRequest.answered_at.is_not(None),
        CallbackRequest.answered_at >= CallbackRequest.window_from,
        CallbackRequest.answered_at <= CallbackRequest.window_to,
    )
    query = select(func.count(CallbackRequest.id), func.count(CallbackRequest.id).filter(in_window))
    query = narrow(
        query,
        ReportFilter(f.date_from, f.date_to, None, f.client_type),
        at=CallbackRequest.received_at,
        operator=None,
        client_id=CallbackRequest.client_id,
    )
    if f.operator is not None:
        tried = select(CallbackAttempt.request_id).where(CallbackAttempt.operator == f.operator)
        query = query.where(CallbackRequest.id.in_(tried))
    received, answered = session.execute(query).one()
    return {"received": int(received or 0), "answered_in_window": int(answered or 0)}


def reactivated(session: Session, f: ReportFilter) -> dict[str, int]:
    """Sleeping clients called in the period, and those reactivated by the call.

    Reactivated is the call tasks' own rule (`outbound.reactivation`: reached on the
    call, then an order at the desk or in the ERP history within 30 days), so this
    figure and a task's results never disagree.
    """
    woken = TaskClient.id.in_(reactivated_ids(session))
    # Clients, not task rows: one on two tasks of the period counts once.
    back = case((woken, TaskClient.client_id))
    query = select(func.count(distinct(TaskClient.client_id)), func.count(distinct(back))).where(
        TaskClient.was_sleeping.is_(True), TaskClient.called_at.is_not(None)
    )
    query = narrow(
        query,
        f,
        at=TaskClient.called_at,
        operator=TaskClient.operator,
        client_id=TaskClient.client_id,
    )
    called, returned = session.execute(query).one()
    return {"sleeping_called": int(called or 0), "reactivated": int(returned or 0)}


def feedback_open(session: Session, f: ReportFilter) -> dict[str, int]:
    """Feedback noted in the period and not yet answered, by department (most first)."""
    query = (
        select(Department.name, func.count(FeedbackItem.id))
        .join(Department, Department.id == FeedbackItem.department_id)
        .where(FeedbackItem.status.in_(OPEN_STATUSES))
    )
    query = narrow(
        query,
        f,
        at=FeedbackItem.created_at,
        operator=FeedbackItem.operator,
        client_id=FeedbackItem.client_id,
    ).group_by(Department.name)
    counted = [(str(name), int(n)) for name, n in session.execute(query)]
    return dict(sorted(counted, key=lambda dn: (-dn[1], dn[0])))


def as_rows(counts: dict[str, int], key: str) -> list[dict[str, Any]]:
    """A {name: count} figure as table rows, for the page and the CSV files."""
    return [{key: name, "count": n} for name, n in counts.items()]
