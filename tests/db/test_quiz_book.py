"""The quiz book on both backends: regeneration follows a procedure, editors, answers, rights."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.models import AuditEntry
from assistant.auth.rights import Actor, Forbidden
from assistant.errors import DeskError
from assistant.training.models import QuizAnswer
from assistant.training.quiz_book import QuizBook

PROCEDURES = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "procedures"
ROUTING = (PROCEDURES / "call-routing.md").read_text(encoding="utf-8")
SOURCE = "procedures/call-routing.md"
OTHERS = {
    f"procedures/{p.name}": p.read_text(encoding="utf-8")
    for p in PROCEDURES.glob("*.md")
    if p.name != "call-routing.md"
}
EDITOR = Actor.of("eva", ["editor"])
TRAINEE = Actor.of("tina", ["trainee"])
# A sentence of the routing procedure that gives a "who gets it" question, and its list step.
ABSENT_STEP = (
    "2. If the KAM is absent (holiday, sick leave, out of office), transfer to another\n"
    "   available KAM. The desk shows who is present today.\n"
)
ABSENT_PASSAGE = (
    "If the KAM is absent (holiday, sick leave, out of office), transfer to another available KAM."
)


@pytest.fixture
def book(session_factory: sessionmaker[Session]) -> QuizBook:
    return QuizBook(session_factory=session_factory, library=lambda: OTHERS)


def _by_passage(book: QuizBook) -> dict[tuple[str, str], int]:
    return {(q.form, q.passage): q.id for q in book.questions(source=SOURCE)}


def test_a_procedure_gives_stored_questions_that_cite_it(book: QuizBook) -> None:
    done = book.regenerate(SOURCE, ROUTING, actor=EDITOR)
    questions = book.questions(source=SOURCE)
    assert done.added == len(questions) >= 5 and done.retired == 0
    assert {q.form for q in questions} == {"department", "check_before", "step_order"}
    assert all(not q.by_hand and q.active and q.language == "en" for q in questions)
    assert ("department", ABSENT_PASSAGE) in _by_passage(book)


def test_the_same_text_again_keeps_every_question_with_its_id(book: QuizBook) -> None:
    book.regenerate(SOURCE, ROUTING)
    before = _by_passage(book)
    again = book.regenerate(SOURCE, ROUTING)
    assert (again.added, again.retired, again.kept) == (0, 0, len(before))
    assert _by_passage(book) == before


def test_a_changed_procedure_retires_the_questions_of_a_passage_gone_and_adds_new_ones(
    book: QuizBook, session_factory: sessionmaker[Session]
) -> None:
    book.regenerate(SOURCE, ROUTING)
    before = _by_passage(book)
    steps_before = next(k for k in before if k[0] == "step_order")
    changed = ROUTING.replace(ABSENT_STEP, "").replace("3. If no KAM", "2. If no KAM")
    changed = changed.replace("4. If nobody", "3. If nobody")
    changed += "\n## Supplier offers\n\nA supplier's offer is passed to the purchasing manager.\n"
    done = book.regenerate(SOURCE, changed, actor=EDITOR)
    after = _by_passage(book)
    # Gone: the absent-KAM sentence and the old list; new: the shorter list and the new sentence.
    assert ("department", ABSENT_PASSAGE) not in after and steps_before not in after
    assert done.retired == 2 and done.added == 2
    new_steps = next(k for k in after if k[0] == "step_order")
    assert new_steps != steps_before
    assert ("department", "A supplier's offer is passed to the purchasing manager.") in after
    # Unchanged questions keep their ids; the retired are still there, with the date.
    for key, qid in before.items():
        if key in after:
            assert after[key] == qid
    retired = [q for q in book.questions(source=SOURCE, retired=True) if not q.active]
    assert {q.id for q in retired} == {before[("department", ABSENT_PASSAGE)], before[steps_before]}
    assert all(q.retired_at is not None for q in retired)
    with session_factory() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.object == f"quiz:{SOURCE}")).all()
    assert [(r.actor, r.after["retired"]) for r in row][-1] == ("eva", 2)


def test_a_question_written_by_hand_survives_regeneration_until_its_passage_goes(
    book: QuizBook,
) -> None:
    book.regenerate(SOURCE, ROUTING)
    mine = book.add(
        actor=EDITOR,
        source=SOURCE,
        question="What does the operator never take from a key client?",
        choices=["Its order", "Its phone number", "A message"],
        answer="Its order",
        passage="Never take a key client's order yourself, even if the client insists;",
    )
    assert mine.by_hand and mine.language == "en"
    book.regenerate(SOURCE, ROUTING + "\nOne more line.\n")
    assert mine.id in {q.id for q in book.questions(source=SOURCE)}
    gone = ROUTING.replace("Never take a key client's order yourself", "Do not take the order")
    done = book.regenerate(SOURCE, gone)
    assert done.retired_by_hand == 1
    flagged = next(q for q in book.questions(source=SOURCE, retired=True) if q.id == mine.id)
    assert flagged.by_hand and not flagged.active


def test_a_fixed_question_is_kept_and_never_generated_twice(book: QuizBook) -> None:
    book.regenerate(SOURCE, ROUTING)
    target = _by_passage(book)[("department", ABSENT_PASSAGE)]
    fixed = book.edit(target, actor=EDITOR, question="Whom does the call go to?")
    assert fixed.by_hand and fixed.question == "Whom does the call go to?"
    again = book.regenerate(SOURCE, ROUTING)
    assert again.added == 0
    same = [q for q in book.questions(source=SOURCE) if q.passage == ABSENT_PASSAGE]
    assert [q.id for q in same] == [target]


def test_an_editor_can_retire_and_restore_a_question(book: QuizBook) -> None:
    book.regenerate(SOURCE, ROUTING)
    target = _by_passage(book)[("department", ABSENT_PASSAGE)]
    assert not book.edit(target, actor=EDITOR, retired=True).active
    assert target not in {i.id for i in book.quiz("tina", n=100)}
    assert book.edit(target, actor=EDITOR, retired=False).active


def test_a_bad_question_is_refused_with_every_problem(book: QuizBook) -> None:
    with pytest.raises(DeskError) as err:
        book.add(
            actor=EDITOR,
            source=SOURCE,
            question=" ",
            choices=["A"],
            answer="B",
            passage="",
            form="riddle",
        )
    fields = {p.field for p in err.value.problems}
    assert fields == {"form", "question", "passage", "choices", "answer"}
    assert book.questions() == []


def test_answers_are_recorded_and_marked_with_the_passage(
    book: QuizBook, session_factory: sessionmaker[Session]
) -> None:
    book.regenerate(SOURCE, ROUTING)
    drawn = book.quiz("tina", n=5)
    assert len(drawn) == 5 and len({i.id for i in drawn}) == 5
    one = next(i for i in drawn if i.form != "step_order")
    right = next(q for q in book.questions() if q.id == one.id).answer
    wrong = next(c for c in one.choices if c != right)
    good = book.answer(TRAINEE, one.id, right)
    bad = book.answer("tina", one.id, wrong)
    assert (good.correct, bad.correct) == (True, False)
    assert bad.answer == right and bad.source == SOURCE and bad.passage in " ".join(ROUTING.split())
    steps = next(q for q in book.questions() if q.form == "step_order")
    assert book.answer("tina", steps.id, list(steps.answer)).correct
    assert not book.answer("tina", steps.id, list(steps.choices)).correct
    with session_factory() as s:
        rows = s.scalars(select(QuizAnswer).order_by(QuizAnswer.id)).all()
    assert [(r.user, r.correct) for r in rows] == [("tina", True), ("tina", False)] + [
        ("tina", True),
        ("tina", False),
    ]
    results = book.results("tina")
    assert (results["answered"], results["correct"], results["score"]) == (4, 2, 50)
    assert results["by_source"] == [{"source": SOURCE, "answered": 4, "correct": 2}]
    assert results["to_review"] == [SOURCE]
    assert book.results("nobody")["answered"] == 0


def test_a_new_quiz_puts_questions_never_answered_first(book: QuizBook) -> None:
    book.regenerate(SOURCE, ROUTING)
    first = book.quiz("tina", n=3)
    for item in first:
        book.answer("tina", item.id, "")
    second = book.quiz("tina", n=3)
    assert not {i.id for i in first} & {i.id for i in second}
    with pytest.raises(DeskError):
        book.quiz(" ")
    with pytest.raises(DeskError) as err:
        book.answer("tina", 999_999, "x")
    assert err.value.code == "unknown_question"


def test_a_trainee_cannot_add_edit_or_regenerate_and_the_refusal_is_audited(
    book: QuizBook, session_factory: sessionmaker[Session]
) -> None:
    book.regenerate(SOURCE, ROUTING)
    qid = book.questions()[0].id
    with pytest.raises(Forbidden):
        book.edit(qid, actor=TRAINEE, question="Changed?")
    with pytest.raises(Forbidden):
        book.add(
            actor=TRAINEE,
            source=SOURCE,
            question="Q?",
            choices=["a", "b"],
            answer="a",
            passage="Key clients",
        )
    with pytest.raises(Forbidden):
        book.regenerate(SOURCE, "", actor=TRAINEE)
    assert book.questions()[0].question != "Changed?"
    assert len(book.questions()) > 1
    with session_factory() as s:
        refused = s.scalars(
            select(AuditEntry).where(AuditEntry.outcome == "forbidden", AuditEntry.actor == "tina")
        ).all()
    assert len(refused) == 3


def test_an_editors_change_is_audited_with_before_and_after(
    book: QuizBook, session_factory: sessionmaker[Session]
) -> None:
    book.regenerate(SOURCE, ROUTING)
    qid = book.questions()[0].id
    book.edit(qid, actor=EDITOR, question="Better worded?")
    with session_factory() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.object == f"quiz/{qid}")).one()
    assert (row.actor, row.action, row.outcome) == ("eva", "knowledge.change", "ok")
    assert (
        row.after["question"] == "Better worded?"
        and row.before["question"] != row.after["question"]
    )


def test_a_quiz_asks_in_the_trainees_language_first(book: QuizBook) -> None:
    hr = "procedures/hr/postupak-telefonske-narudzbe.md"
    book.regenerate(hr, (PROCEDURES / "hr" / "postupak-telefonske-narudzbe.md").read_text())
    book.regenerate(SOURCE, ROUTING)
    assert {i.language for i in book.quiz("tina", n=5, language="hr")} == {"hr"}
    assert {i.language for i in book.quiz("tina", n=5, language="en")} == {"en"}
    everything = book.quiz("tina", n=100, language="hr")
    assert [i.language for i in everything] == sorted(
        (i.language for i in everything), key=lambda lang: lang != "hr"
    )
    assert len(everything) == len(book.questions())
