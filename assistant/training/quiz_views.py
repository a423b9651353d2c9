"""What the quiz book hands out: questions for editors, quiz items for trainees, marks."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.training.models import QuizQuestion
from assistant.training.quiz import FORMS, LANGUAGES
from assistant.training.quiz import Question as Generated


class InvalidQuestion(DeskError):
    code = "invalid_question"


class UnknownQuestion(DeskError):
    code = "unknown_question"


@dataclass(frozen=True)
class QuestionView:
    """A stored question with its answer, as editors see it."""

    id: int
    source: str
    form: str
    question: str
    choices: tuple[str, ...]
    answer: str | tuple[str, ...]
    passage: str
    language: str
    by_hand: bool
    retired_at: datetime | None
    created_at: datetime

    @property
    def active(self) -> bool:
        return self.retired_at is None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["choices"] = list(self.choices)
        out["answer"] = list(self.answer) if isinstance(self.answer, tuple) else self.answer
        out["active"] = self.active
        for key in ("retired_at", "created_at"):
            out[key] = out[key].isoformat(timespec="seconds") if out[key] else None
        return out


@dataclass(frozen=True)
class QuizItem:
    """A question as a trainee gets it: no answer, no passage until it is answered."""

    id: int
    source: str
    form: str
    question: str
    choices: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class Marked:
    """An answer marked: right or wrong, the right answer and the passage that states it."""

    question_id: int
    correct: bool
    given: str | tuple[str, ...]
    answer: str | tuple[str, ...]
    passage: str
    source: str


@dataclass(frozen=True)
class Regenerated:
    """What a regeneration did to one document's questions."""

    source: str
    added: int
    kept: int
    retired: int
    retired_by_hand: int  # editors' questions whose passage is gone: flagged for review

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def view(row: QuizQuestion) -> QuestionView:
    answer = row.answer
    return QuestionView(
        id=row.id,
        source=row.source,
        form=row.form,
        question=row.question,
        choices=tuple(row.choices or ()),
        answer=tuple(answer) if isinstance(answer, list) else str(answer),
        passage=row.passage,
        language=row.language,
        by_hand=row.by_hand,
        retired_at=row.retired_at,
        created_at=row.created_at,
    )


def item(row: QuizQuestion) -> QuizItem:
    return QuizItem(
        row.id, row.source, row.form, row.question, tuple(row.choices or ()), row.language
    )


def row_of(made: Generated) -> QuizQuestion:
    return QuizQuestion(
        source=made.source,
        form=made.form,
        question=made.question,
        choices=list(made.choices),
        answer=list(made.answer) if isinstance(made.answer, tuple) else made.answer,
        passage=made.passage,
        language=made.language,
        by_hand=False,
    )


def checked(
    *,
    source: str,
    form: str,
    question: str,
    choices: list[str],
    answer: str | list[str],
    passage: str,
    language: str,
) -> dict[str, Any]:
    """An editor's question, cleaned; every problem found at once, each with its field."""
    choices = [c.strip() for c in choices if c and c.strip()]
    if isinstance(answer, list | tuple):
        answer = [a.strip() for a in answer if a and a.strip()]
    else:
        answer = (answer or "").strip()
    problems: list[DeskError] = []
    if not source.strip():
        problems.append(
            InvalidQuestion(_("Name the procedure the question is from."), field="source")
        )
    if form not in FORMS:
        problems.append(
            InvalidQuestion(
                _("Unknown question form {form!r}: use {forms}.").format(
                    form=form, forms=", ".join(FORMS)
                ),
                field="form",
            )
        )
    if language not in LANGUAGES:
        problems.append(InvalidQuestion(_("The language must be hr or en."), field="language"))
    if not question.strip():
        problems.append(InvalidQuestion(_("Write the question."), field="question"))
    if not passage.strip():
        problems.append(
            InvalidQuestion(
                _("Paste the passage of the procedure that answers the question."),
                field="passage",
            )
        )
    if len(set(choices)) < 2 or len(set(choices)) != len(choices):
        problems.append(InvalidQuestion(_("Give at least two different choices."), field="choices"))
    if form == "step_order":
        if not isinstance(answer, list) or sorted(answer) != sorted(choices) or len(answer) < 3:
            problems.append(
                InvalidQuestion(
                    _("For a step order, the answer is every choice, in the right order."),
                    field="answer",
                )
            )
    elif not isinstance(answer, str) or answer not in choices:
        problems.append(
            InvalidQuestion(_("The answer must be one of the choices."), field="answer")
        )
    if problems:
        raise DeskError.first_of(problems)
    return {
        "source": source.strip(),
        "form": form,
        "question": question.strip(),
        "choices": choices,
        "answer": answer,
        "passage": " ".join(passage.split()),
        "language": language,
    }
