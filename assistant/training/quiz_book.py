"""The quiz book: questions kept in step with the procedures, editors' fixes, trainees' answers.

A procedure that changes regenerates its questions: those whose passage is gone from the new
text are retired (never deleted: answers point at them), those still there are kept with their
ids, and new passages give new questions. An editor's question (written or fixed by hand) is
never replaced by a generated one; it is retired only when its passage is gone, and then shows
in the editors' list as retired by hand, to be looked at.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.timeutil import utcnow
from assistant.training.models import QuizAnswer, QuizQuestion
from assistant.training.procedure_text import contains
from assistant.training.quiz import SEED, generate, language_of
from assistant.training.quiz_views import (
    Marked,
    QuestionView,
    QuizItem,
    Regenerated,
    UnknownQuestion,
    checked,
    item,
    row_of,
    view,
)
from knowledge.registry import EDITABLE_SUFFIXES, KnowledgeRegistry

RIGHT = "knowledge.change"
RECENT = 20


class QuizBook:
    """Quiz questions in quiz_questions, answers in quiz_answers."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        library: Callable[[], Mapping[str, str]] | None = None,
        seed: int = SEED,
    ) -> None:
        self._sessions = session_factory
        # The current procedures' texts by source: wrong choices come from all of them.
        self._library = library or dict
        self._seed = seed

    # -- keeping questions in step with the procedures -------------------------------------
    def regenerate(self, source: str, text: str, *, actor: Actor | None = None) -> Regenerated:
        """Bring one procedure's questions in line with its text (empty text: retire them all)."""
        who = actor or Actor.system()
        if actor is not None:
            audit.guard(self._sessions, actor, RIGHT, f"quiz:{source}")
        library = self._library()
        others = [t for s, t in library.items() if s != source]
        made = generate(source, text, others=others, seed=self._seed) if text.strip() else []
        now = utcnow()
        with self._sessions.begin() as session:
            rows = list(session.scalars(select(QuizQuestion).where(QuizQuestion.source == source)))
            active = [r for r in rows if r.retired_at is None]
            gone = [r for r in active if not contains(text, r.passage)]
            for row in gone:
                row.retired_at = now
            kept = {(r.form, " ".join(r.passage.split())) for r in active if r not in gone}
            added = [row_of(m) for m in made if (m.form, m.passage) not in kept]
            session.add_all(added)
            result = Regenerated(
                source=source,
                added=len(added),
                kept=len(kept),
                retired=len(gone),
                retired_by_hand=sum(r.by_hand for r in gone),
            )
            if added or gone:
                audit.record(
                    session,
                    who,
                    RIGHT,
                    f"quiz:{source}",
                    after={"change": "quiz regenerated"} | result.as_dict(),
                )
        return result

    def follow(self, source: str, kind: str, text: str | None, actor: Actor) -> None:
        """A document changed (the knowledge editor tells): a procedure's questions follow it."""
        if kind == "procedure" and text is not None:
            self.regenerate(source, text, actor=actor)

    def generate_all(self, *, actor: Actor | None = None) -> list[Regenerated]:
        """Regenerate every current procedure's questions (from the library)."""
        if actor is not None:
            audit.guard(self._sessions, actor, RIGHT, "quiz")
        return [
            self.regenerate(source, text, actor=actor)
            for source, text in sorted(self._library().items())
        ]

    # -- editors -----------------------------------------------------------------------------
    def questions(self, *, source: str | None = None, retired: bool = False) -> list[QuestionView]:
        """Questions by document and id; retired ones too when asked."""
        query = select(QuizQuestion).order_by(QuizQuestion.source, QuizQuestion.id)
        if source:
            query = query.where(QuizQuestion.source == source)
        if not retired:
            query = query.where(QuizQuestion.retired_at.is_(None))
        with self._sessions() as session:
            return [view(r) for r in session.scalars(query)]

    def add(
        self,
        *,
        actor: Actor,
        source: str,
        question: str,
        choices: list[str],
        answer: str | list[str],
        passage: str,
        form: str = "department",
        language: str | None = None,
    ) -> QuestionView:
        """An editor's own question; it survives regeneration while its passage stays."""
        audit.guard(self._sessions, actor, RIGHT, f"quiz:{source}")
        fields = checked(
            source=source,
            form=form,
            question=question,
            choices=choices,
            answer=answer,
            passage=passage,
            language=language or language_of(f"{question} {passage}"),
        )
        with self._sessions.begin() as session:
            row = QuizQuestion(**fields, by_hand=True)
            session.add(row)
            session.flush()
            audit.record(session, actor, RIGHT, f"quiz/{row.id}", after={"change": "quiz added"})
            return view(row)

    def edit(self, question_id: int, *, actor: Actor, **changes: Any) -> QuestionView:
        """Fix a question (any of question, choices, answer, passage, form, language, source),
        or retire it (retired=True) or bring it back (retired=False). It becomes an editor's."""
        audit.guard(self._sessions, actor, RIGHT, f"quiz/{question_id}")
        retire = changes.pop("retired", None)
        with self._sessions.begin() as session:
            row = self._row(session, question_id)
            before = view(row).as_dict()
            fields = {k: before[k] for k in ("source", "form", "question", "choices")}
            fields |= {"answer": before["answer"], "passage": row.passage, "language": row.language}
            unknown = set(changes) - set(fields)
            if unknown:
                raise DeskError(
                    _("Unknown question field(s): {fields}.").format(
                        fields=", ".join(sorted(unknown))
                    )
                )
            fields |= {k: v for k, v in changes.items() if v is not None}
            for key, value in checked(**fields).items():
                setattr(row, key, value)
            row.by_hand = True
            if retire is not None:
                row.retired_at = utcnow() if retire else None
            session.flush()
            after = view(row).as_dict() | {"change": "quiz edited"}
            audit.record(session, actor, RIGHT, f"quiz/{row.id}", before=before, after=after)
            return view(row)

    # -- trainees ----------------------------------------------------------------------------
    def quiz(
        self,
        user: str | Actor,
        source: str | None = None,
        n: int = 5,
        *,
        language: str | None = None,
    ) -> list[QuizItem]:
        """Up to `n` active questions: first those never answered, then those answered wrong.

        With `language`, questions in it come first; the other language only fills a quiz short.
        """
        name = _user(user)
        query = select(QuizQuestion).where(QuizQuestion.retired_at.is_(None))
        if source:
            query = query.where(QuizQuestion.source == source)
        with self._sessions() as session:
            rows = list(session.scalars(query.order_by(QuizQuestion.id)))
            answers = list(session.scalars(select(QuizAnswer).where(QuizAnswer.user == name)))
        last: dict[int, bool] = {}
        for a in sorted(answers, key=lambda a: (a.at, a.id)):
            last[a.question_id] = a.correct
        # A new draw after every answer, yet the same draw for the same state.
        rng = random.Random(f"{name}|{source}|{len(answers)}")
        rng.shuffle(rows)
        rows.sort(
            key=lambda r: (
                bool(language) and r.language != language,
                0 if r.id not in last else (1 if not last[r.id] else 2),
            )
        )
        return [item(r) for r in rows[: max(n, 0)]]

    def answer(self, user: str | Actor, question_id: int, given: str | list[str]) -> Marked:
        """Record one answer; says whether it is right and cites the passage."""
        name = _user(user)
        with self._sessions.begin() as session:
            row = self._row(session, question_id)
            right = row.answer
            if isinstance(right, list):
                given_value: str | list[str] = [str(g) for g in given or []]
                correct = given_value == right
            else:
                given_value = given if isinstance(given, str) else ""
                correct = given_value == right
            session.add(
                QuizAnswer(user=name, question_id=row.id, given=given_value, correct=correct)
            )
            shown = view(row)
        given_out = tuple(given_value) if isinstance(given_value, list) else given_value
        return Marked(row.id, correct, given_out, shown.answer, shown.passage, shown.source)

    def results(self, user: str | Actor) -> dict[str, Any]:
        """A trainee's quiz results for the progress page: totals, by procedure, recent."""
        name = _user(user)
        with self._sessions() as session:
            pairs = session.execute(
                select(QuizAnswer, QuizQuestion)
                .join(QuizQuestion, QuizQuestion.id == QuizAnswer.question_id)
                .where(QuizAnswer.user == name)
                .order_by(QuizAnswer.at, QuizAnswer.id)
            ).all()
        by_source: dict[str, dict[str, Any]] = {}
        for answer, question in pairs:
            row = by_source.setdefault(
                question.source, {"source": question.source, "answered": 0, "correct": 0}
            )
            row["answered"] += 1
            row["correct"] += int(answer.correct)
        total, right = len(pairs), sum(a.correct for a, _q in pairs)
        recent = [
            {
                "question_id": q.id,
                "source": q.source,
                "question": q.question,
                "correct": a.correct,
                "passage": q.passage,
                "at": a.at.isoformat(timespec="seconds"),
            }
            for a, q in reversed(pairs[-RECENT:])
        ]
        return {
            "user": name,
            "answered": total,
            "correct": right,
            "score": round(100 * right / total) if total else None,
            "by_source": sorted(by_source.values(), key=lambda r: r["source"]),
            "recent": recent,
            # The procedures to read again: those with a wrong answer among the recent ones.
            "to_review": sorted({r["source"] for r in recent if not r["correct"]}),
        }

    @staticmethod
    def _row(session: Session, question_id: int) -> QuizQuestion:
        row = session.get(QuizQuestion, question_id)
        if row is None:
            raise UnknownQuestion(_("No quiz question {id}.").format(id=question_id))
        return row


def procedures(registry: KnowledgeRegistry) -> dict[str, str]:
    """The procedures written as text (Markdown or plain), by source; a retired one is ""."""
    texts: dict[str, str] = {}
    for doc in registry.list_documents(kind="procedure"):
        path = registry.path_of(doc.source)
        if path.suffix.lower() not in EDITABLE_SUFFIXES:
            continue
        if doc.status == "retired":
            texts[doc.source] = ""  # its questions are retired with it
        elif doc.status == "indexed" and path.is_file():
            texts[doc.source] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def _user(user: str | Actor) -> str:
    """Answers need a logged-in user: a name, never empty."""
    name = (user.name if isinstance(user, Actor) else str(user or "")).strip()
    if not name:
        raise DeskError(_("Log in first: quiz answers are kept per user."))
    return name[:80]
