"""Feedback figures for the head of sales' reports (R26), counted in SQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assistant.clients.models import Client, Department
from assistant.feedback.desk import OPEN_STATUSES
from assistant.feedback.models import FeedbackItem


def open_by_department(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    operator: str | None = None,
    client_type: str | None = None,
) -> dict[str, int]:
    """Department code -> items not answered yet (noted in [since, until), by `operator`,
    for clients of `client_type`: the Reports page's filters).

    Departments with none open are left out.
    """
    query = (
        select(Department.code, func.count(FeedbackItem.id))
        .join(Department, Department.id == FeedbackItem.department_id)
        .where(FeedbackItem.status.in_(OPEN_STATUSES))
        .group_by(Department.code)
        .order_by(Department.code)
    )
    if since is not None:
        query = query.where(FeedbackItem.created_at >= since)
    if until is not None:
        query = query.where(FeedbackItem.created_at < until)
    if operator:
        query = query.where(FeedbackItem.operator == operator)
    if client_type:
        query = query.join(Client, Client.id == FeedbackItem.client_id).where(
            Client.type == client_type
        )
    return {code: int(count) for code, count in session.execute(query)}
