"""Call tasks (R24, R25): a head of sales hands clients to operators with a purpose and a
survey; operators call them from the live call page and their answers go into SQL.

Giving and reading tasks needs "tasks.manage" (heads, admins); working one needs
"call.record", and an operator works only the clients on its own list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import cycle
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.outbound.models import CallTask, SurveyAnswer, SurveyQuestion, TaskClient
from assistant.outbound.survey import checked_answer
from assistant.outbound.task_picks import check_operators, operators_who_call, pick_clients
from assistant.outbound.task_results import task_detail, task_summaries
from assistant.outbound.task_spec import InvalidTask, TaskSpec
from assistant.timeutil import utcnow

OUTCOMES = ("done", "unreachable")


class UnknownTask(DeskError):
    code = "unknown_task"


@dataclass(frozen=True)
class TaskQuestion:
    id: int
    text: str
    kind: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class TaskCall:
    """What the live call page needs to work one client of a task."""

    task_client_id: int
    task_id: int
    title: str
    purpose: str
    script_variant: str | None
    due_date: date | None
    client_code: str
    client_name: str
    status: str
    questions: tuple[TaskQuestion, ...]
    answers: dict[int, str]


class TaskBook:
    """Call tasks in SQL; the clock and the sleeping factor are injected."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        factor: float,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = session_factory
        self._factor = factor
        self._today = today
        self._now = now

    def create(self, spec: TaskSpec, *, actor: Actor) -> int:
        """Make the task, its clients shared round-robin among the operators; its id."""
        if spec.due_date is not None and spec.due_date < self._today():
            raise InvalidTask(
                _("due_date {day} is in the past: give today or a later day.").format(
                    day=spec.due_date.isoformat()
                ),
                field="due_date",
            )
        with audit.audited(self._sessions, actor, "tasks.manage", spec.title) as session:
            operators = check_operators(session, spec.operators)
            clients = pick_clients(session, spec, today=self._today(), factor=self._factor)
            task = CallTask(
                title=spec.title,
                purpose=spec.purpose,
                script_variant=spec.script_variant,
                due_date=spec.due_date,
                created_by=actor.name,
                operators=operators,
                status="open",
            )
            for (client_id, sleeping), operator in zip(clients, cycle(operators), strict=False):
                task.clients.append(
                    TaskClient(client_id=client_id, operator=operator, was_sleeping=sleeping)
                )
            for position, q in enumerate(spec.questions, start=1):
                task.questions.append(
                    SurveyQuestion(
                        position=position, text=q.text, kind=q.kind, choices=list(q.choices) or None
                    )
                )
            session.add(task)
            session.flush()
            audit.record(
                session,
                actor,
                "tasks.manage",
                f"task {task.id}",
                after={"clients": len(clients), "operators": operators, "title": spec.title},
            )
            return task.id

    def summaries(self, *, actor: Actor) -> list[dict[str, Any]]:
        """Every task with its counts, newest first."""
        audit.guard(self._sessions, actor, "tasks.manage", "tasks")
        with self._sessions() as session:
            return task_summaries(session)

    def show(self, task_id: int, *, actor: Actor) -> dict[str, Any]:
        """One task in full: clients, outcomes, the survey tabulated, reactivated sleepers."""
        audit.guard(self._sessions, actor, "tasks.manage", f"task {task_id}")
        with self._sessions() as session:
            return task_detail(session, self._task(session, task_id))

    def operators(self, *, actor: Actor) -> list[str]:
        """Who a task can be given to."""
        audit.guard(self._sessions, actor, "tasks.manage", "operators")
        with self._sessions() as session:
            return operators_who_call(session)

    def assigned(self, *, actor: Actor) -> list[dict[str, Any]]:
        """The clients on this operator's lists of open tasks, the ones still to call first."""
        audit.guard(self._sessions, actor, "call.record", "task list")
        query = (
            select(TaskClient, CallTask, Client.code, Client.name)
            .join(CallTask, CallTask.id == TaskClient.task_id)
            .join(Client, Client.id == TaskClient.client_id)
            .where(TaskClient.operator == actor.name, CallTask.status == "open")
            .order_by(TaskClient.status != "pending", CallTask.due_date, TaskClient.id)
        )
        with self._sessions() as session:
            return [
                {
                    "task_client_id": tc.id,
                    "task_id": task.id,
                    "title": task.title,
                    "purpose": task.purpose,
                    "due_date": task.due_date,
                    "client": code,
                    "name": name,
                    "status": tc.status,
                    "was_sleeping": tc.was_sleeping,
                }
                for tc, task, code, name in session.execute(query)
            ]

    def call(self, task_client_id: int, *, actor: Actor) -> TaskCall:
        """One client of a task as the live call shows it, with answers given so far."""
        audit.guard(self._sessions, actor, "call.record", f"task client {task_client_id}")
        with self._sessions() as session:
            tc = self._mine(session, task_client_id, actor)
            client = session.get(Client, tc.client_id)
            answers = session.execute(
                select(SurveyAnswer.question_id, SurveyAnswer.value).where(
                    SurveyAnswer.task_client_id == tc.id
                )
            )
            task = tc.task
            return TaskCall(
                task_client_id=tc.id,
                task_id=task.id,
                title=task.title,
                purpose=task.purpose,
                script_variant=task.script_variant,
                due_date=task.due_date,
                client_code=client.code if client else "",
                client_name=client.name if client else "",
                status=tc.status,
                questions=tuple(
                    TaskQuestion(q.id, q.text, q.kind, tuple(q.choices or ()))
                    for q in task.questions
                ),
                answers={int(q): str(v) for q, v in answers},
            )

    def record(
        self,
        task_client_id: int,
        *,
        outcome: str,
        answers: Mapping[int, Any],
        call_id: int | None,
        actor: Actor,
    ) -> None:
        """The task call's outcome and its survey answers (replacing earlier ones), linked
        to the call; answers are kept only when the client was reached."""
        if outcome not in OUTCOMES:
            raise DeskError(
                _("The outcome must be one of {allowed}.").format(allowed=", ".join(OUTCOMES)),
                field="outcome",
            )
        object_ = f"task client {task_client_id}"
        with audit.audited(self._sessions, actor, "call.record", object_) as session:
            tc = self._mine(session, task_client_id, actor)
            rows = self._answers(tc, answers) if outcome == "done" else []
            session.execute(delete(SurveyAnswer).where(SurveyAnswer.task_client_id == tc.id))
            session.add_all(rows)
            tc.status = tc.outcome = outcome
            tc.called_at = self._now()
            tc.call_id = call_id if call_id is not None else tc.call_id
            after = {"outcome": outcome, "answers": len(rows), "call_id": call_id}
            audit.record(session, actor, "call.record", object_, after=after)

    def _answers(self, tc: TaskClient, answers: Mapping[int, Any]) -> list[SurveyAnswer]:
        problems: list[DeskError] = []
        rows = []
        for question in tc.task.questions:
            try:
                value = checked_answer(question, answers.get(question.id))
            except DeskError as err:
                problems.append(err)
                continue
            if value is not None:
                rows.append(
                    SurveyAnswer(task_client_id=tc.id, question_id=question.id, value=value)
                )
        if problems:
            raise DeskError.first_of(problems)
        return rows

    @staticmethod
    def _task(session: Session, task_id: int) -> CallTask:
        task = session.get(CallTask, task_id)
        if task is None:
            raise UnknownTask(
                _("There is no call task {id}: desk tasks list shows them.").format(id=task_id)
            )
        return task

    @staticmethod
    def _mine(session: Session, task_client_id: int, actor: Actor) -> TaskClient:
        tc = session.get(TaskClient, task_client_id)
        if tc is None:
            raise UnknownTask(_("That task call no longer exists: open your list again."))
        if tc.operator != actor.name and not actor.may("tasks.manage"):
            raise DeskError(
                _("This client is on {operator}'s list, not yours.").format(operator=tc.operator)
            )
        return tc
