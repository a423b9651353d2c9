"""A call task as the head of sales gives it (R24, R25): read from JSON or a form, checked.

Every problem is found in one go, each naming its field as a path into the task file
(`questions[1].choices`), so the CLI can say file:field and a form can mark them all.
What needs the database (client codes, operators) is checked by `tasks.TaskBook.create`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.outbound.models import SURVEY_KINDS

MAX_TITLE, MAX_PURPOSE, MAX_VARIANT = 200, 2000, 40
MAX_QUESTIONS, MAX_QUESTION, MAX_CHOICES, MAX_CHOICE = 30, 500, 20, 100


class InvalidTask(DeskError):
    """The task as given cannot be made; `field` says where."""

    code = "invalid_task"


@dataclass(frozen=True)
class Question:
    """A survey question: yes/no, one of the choices, a number or free text."""

    text: str
    kind: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SleepingPick:
    """Take the sleeping clients (of one type), the most valuable first, up to a limit."""

    client_type: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class FilterPick:
    """Take every client of a type and/or region."""

    client_type: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class TaskSpec:
    """What a head asks for; the clients are the union of the three ways to pick them."""

    title: str
    purpose: str
    operators: tuple[str, ...]
    script_variant: str | None = None
    due_date: date | None = None
    clients: tuple[str, ...] = ()
    sleeping: SleepingPick | None = None
    filter: FilterPick | None = None
    questions: tuple[Question, ...] = field(default_factory=tuple)

    @classmethod
    def from_json(cls, data: Any) -> TaskSpec:
        """The task file's content, or InvalidTask carrying every problem found."""
        return _Reader(data).spec()


class _Reader:
    def __init__(self, data: Any) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.problems: list[DeskError] = []
        if not isinstance(data, dict):
            self.fail("", _("The task must be a JSON object with title, purpose, operators..."))

    def fail(self, where: str, message: str) -> None:
        self.problems.append(InvalidTask(message, field=where or None))

    def text(self, key: str, limit: int, *, required: bool) -> str | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, _("Give the task's {key}: it is required.").format(key=key))
            return None
        if not isinstance(value, str):
            self.fail(key, _("{key} must be text.").format(key=key))
            return None
        if len(value) > limit:
            self.fail(
                key,
                _("{key} is too long: at most {limit} characters.").format(key=key, limit=limit),
            )
        return value.strip()

    def names(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, _("{key} must be a list of names or codes.").format(key=key))
            return ()
        return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))

    def due(self) -> date | None:
        value = self.data.get("due_date")
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                "due_date",
                _("due_date {value!r} is not a date: use YYYY-MM-DD.").format(value=value),
            )
            return None

    def sleeping(self) -> SleepingPick | None:
        value = self.data.get("sleeping")
        if value in (None, False):
            return None
        if value is True:
            return SleepingPick()
        if not isinstance(value, dict):
            self.fail("sleeping", _('sleeping must be true or {"type": ..., "limit": ...}.'))
            return None
        limit = value.get("limit")
        if limit is not None and (
            not isinstance(limit, int) or isinstance(limit, bool) or limit < 1
        ):
            self.fail("sleeping.limit", _("The limit must be a whole number, 1 or more."))
            limit = None
        return SleepingPick(client_type=_opt(value.get("type")), limit=limit)

    def filter(self) -> FilterPick | None:
        value = self.data.get("filter")
        if value is None:
            return None
        if not isinstance(value, dict) or not (value.get("type") or value.get("region")):
            self.fail(
                "filter",
                _('filter must name a client type and/or a region: {"type": ..., "region": ...}.'),
            )
            return None
        return FilterPick(client_type=_opt(value.get("type")), region=_opt(value.get("region")))

    def questions(self) -> tuple[Question, ...]:
        value = self.data.get("questions", [])
        if not isinstance(value, list):
            self.fail("questions", _("questions must be a list."))
            return ()
        if len(value) > MAX_QUESTIONS:
            self.fail("questions", _("At most {n} questions per task.").format(n=MAX_QUESTIONS))
        return tuple(q for i, raw in enumerate(value) if (q := self.question(i, raw)))

    def question(self, i: int, raw: Any) -> Question | None:
        where = f"questions[{i}]"
        if not isinstance(raw, dict):
            self.fail(where, _('Each question is {"text": ..., "kind": ...}.'))
            return None
        text, kind = str(raw.get("text") or "").strip(), raw.get("kind")
        if not text or len(text) > MAX_QUESTION:
            self.fail(
                f"{where}.text",
                _("Question {n} needs its text (at most {limit} characters).").format(
                    n=i + 1, limit=MAX_QUESTION
                ),
            )
        if kind not in SURVEY_KINDS:
            self.fail(
                f"{where}.kind",
                _("Question {n}: the kind must be one of {kinds}.").format(
                    n=i + 1, kinds=", ".join(SURVEY_KINDS)
                ),
            )
            return None
        choices = self.choices(i, raw.get("choices")) if kind == "choice" else ()
        return Question(text=text, kind=kind, choices=choices)

    def choices(self, i: int, raw: Any) -> tuple[str, ...]:
        where = f"questions[{i}].choices"
        listed = raw if isinstance(raw, list) else []
        choices = tuple(dict.fromkeys(str(c).strip() for c in listed if str(c).strip()))
        if len(choices) < 2:
            self.fail(
                where, _("Question {n} is a choice: give at least two choices.").format(n=i + 1)
            )
        elif len(choices) > MAX_CHOICES or max(map(len, choices)) > MAX_CHOICE:
            self.fail(
                where,
                _("Question {n}: at most {most} choices of {limit} characters.").format(
                    n=i + 1, most=MAX_CHOICES, limit=MAX_CHOICE
                ),
            )
        return choices

    def spec(self) -> TaskSpec:
        spec = TaskSpec(
            title=self.text("title", MAX_TITLE, required=True) or "",
            purpose=self.text("purpose", MAX_PURPOSE, required=True) or "",
            script_variant=self.text("script_variant", MAX_VARIANT, required=False),
            due_date=self.due(),
            clients=self.names("clients"),
            sleeping=self.sleeping(),
            filter=self.filter(),
            operators=self.names("operators"),
            questions=self.questions(),
        )
        if not (spec.clients or spec.sleeping or spec.filter) and self.data:
            self.fail(
                "clients",
                _(
                    "Pick the clients: by code (clients), the sleeping ones (sleeping) or by "
                    "a filter (filter)."
                ),
            )
        if not spec.operators and "operators" not in {p.field for p in self.problems}:
            self.fail("operators", _("Name at least one operator to make the calls."))
        if self.problems:
            raise InvalidTask.first_of(self.problems)
        return spec


def _opt(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
