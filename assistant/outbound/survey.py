"""Survey answers (R25): checked against their question, and tabulated for the head.

Answers are stored as text ("yes"/"no", the choice, the number, the text): one table for
every kind. A task has at most a few hundred answers, so tabulating reads them in one
query and counts here.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean
from typing import Any

from assistant.errors import DeskError
from assistant.formats import parse_number
from assistant.i18n import _
from assistant.outbound.models import SurveyQuestion

YES_NO = ("yes", "no")
MAX_TEXT = 2000


class InvalidAnswer(DeskError):
    code = "invalid_answer"


def checked_answer(question: SurveyQuestion, value: Any) -> str | None:
    """The answer as stored, None when left empty, or InvalidAnswer saying what fits."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    where = f"question {question.position}"
    match question.kind:
        case "yesno":
            said = {True: "yes", False: "no"}.get(value, str(value).strip().lower())
            if said not in YES_NO:
                raise InvalidAnswer(
                    _("{q}: answer yes or no.").format(q=question.text), field=where
                )
            return said
        case "choice":
            if str(value) not in (question.choices or []):
                raise InvalidAnswer(
                    _("{q}: pick one of {choices}.").format(
                        q=question.text, choices=", ".join(question.choices or [])
                    ),
                    field=where,
                )
            return str(value)
        case "number":
            try:
                return str(parse_number(str(value)))
            except (ValueError, ArithmeticError, DeskError):
                raise InvalidAnswer(
                    _("{q}: {value!r} is not a number.").format(q=question.text, value=value),
                    field=where,
                ) from None
        case _:
            text = str(value).strip()
            if len(text) > MAX_TEXT:
                raise InvalidAnswer(
                    _("{q}: at most {limit} characters.").format(q=question.text, limit=MAX_TEXT),
                    field=where,
                )
            return text


def tabulate(question: SurveyQuestion, values: list[str]) -> dict[str, Any]:
    """One question's answers summed up: counts, number statistics or the texts."""
    out: dict[str, Any] = {
        "id": question.id,
        "position": question.position,
        "text": question.text,
        "kind": question.kind,
        "answers": len(values),
    }
    match question.kind:
        case "yesno" | "choice":
            options = list(YES_NO) if question.kind == "yesno" else list(question.choices or [])
            counted = Counter(values)
            out["counts"] = {o: counted.get(o, 0) for o in options}
        case "number":
            numbers = [float(v) for v in values]
            out["mean"] = round(mean(numbers), 2) if numbers else None
            out["min"] = min(numbers) if numbers else None
            out["max"] = max(numbers) if numbers else None
        case _:
            out["texts"] = values
    return out
