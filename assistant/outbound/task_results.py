"""A call task read back for the head who gave it: per client how it went, the survey
tabulated, and how many sleepers ordered again (R24, R25)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from assistant.clients.models import Client
from assistant.outbound.models import TASK_CLIENT_STATUSES, CallTask, SurveyAnswer, TaskClient
from assistant.outbound.reactivation import reactivated_in_task
from assistant.outbound.survey import tabulate


def _when(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def task_summary(task: CallTask, statuses: Counter[str]) -> dict[str, Any]:
    """The task and its counts per status."""
    return {
        "id": task.id,
        "title": task.title,
        "purpose": task.purpose,
        "script_variant": task.script_variant,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "created_by": task.created_by,
        "created_at": _when(task.created_at),
        "operators": list(task.operators or []),
        "status": task.status,
        "counts": {
            "clients": sum(statuses.values()),
            **{s: statuses.get(s, 0) for s in TASK_CLIENT_STATUSES},
        },
    }


def task_summaries(session: Session) -> list[dict[str, Any]]:
    """Every task, newest first, with its counts."""
    counted: dict[int, Counter[str]] = defaultdict(Counter)
    for task_id, status in session.execute(select(TaskClient.task_id, TaskClient.status)):
        counted[task_id][status] += 1
    tasks = session.scalars(select(CallTask).order_by(CallTask.id.desc()))
    return [task_summary(t, counted[t.id]) for t in tasks]


def task_detail(session: Session, task: CallTask) -> dict[str, Any]:
    """The whole task: summary, each client's call, the survey tabulated, reactivated."""
    rows = session.execute(
        select(TaskClient, Client.code, Client.name)
        .join(Client, Client.id == TaskClient.client_id)
        .where(TaskClient.task_id == task.id)
        .order_by(TaskClient.id)
    ).all()
    woke = reactivated_in_task(session, task.id)
    out = task_summary(task, Counter(tc.status for tc, _c, _n in rows))
    out["counts"]["reactivated"] = len(woke)
    out["reactivated"] = len(woke)
    out["clients"] = [
        {
            "client": code,
            "name": name,
            "operator": tc.operator,
            "status": tc.status,
            "outcome": tc.outcome,
            "called_at": _when(tc.called_at),
            "call_id": tc.call_id,
            "was_sleeping": tc.was_sleeping,
            "reactivated": tc.id in woke,
        }
        for tc, code, name in rows
    ]
    values: dict[int, list[str]] = defaultdict(list)
    answers = session.execute(
        select(SurveyAnswer.question_id, SurveyAnswer.value)
        .join(TaskClient, TaskClient.id == SurveyAnswer.task_client_id)
        .where(TaskClient.task_id == task.id)
        .order_by(SurveyAnswer.id)
    )
    for question_id, value in answers:
        values[question_id].append(value)
    out["questions"] = [tabulate(q, values[q.id]) for q in task.questions]
    return out
