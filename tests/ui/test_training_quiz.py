"""The quiz and its editor as the Training page draws them, in AppTest, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.config import Settings
from assistant.services import build_services
from assistant.timeutil import utcnow
from assistant.training.models import QuizAnswer, QuizQuestion
from assistant.ui.training_quiz import plain
from tests.desk_env import desk_env
from tests.ui.steps import logged_in

SHIPPED = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "procedures"
SOURCE = "procedures/call-routing.md"
# The Training page calls these two; a tiny page stands in for it.
SCRIPT = """
import streamlit as st
from assistant.ui.session_user import acting
from assistant.ui.training_quiz import show_quiz, show_quiz_editor

if st.session_state.get("page") == "editor":
    show_quiz_editor()
else:
    show_quiz(acting())
"""


@pytest.fixture
def desk(db_url: str, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The routing procedure's questions in the database."""
    desk_env(monkeypatch, db_url, tmp_path, DESK_KNOWLEDGE_DIR=str(tmp_path / "sources"))
    st.cache_resource.clear()
    services = build_services(Settings())
    services.quizzes.regenerate(SOURCE, (SHIPPED / "call-routing.md").read_text(encoding="utf-8"))
    yield services
    services.engine.dispose()


def _app(page: str = "quiz", roles: tuple[str, ...] = ("trainee",)) -> AppTest:
    at = logged_in(AppTest.from_string(SCRIPT, default_timeout=60), name="tina", roles=roles)
    at.session_state["page"] = page
    at.run()
    assert not at.exception, at.exception
    return at


def _answer(at: AppTest, desk, *, right: bool) -> None:
    answers = {q.id: q for q in desk.quizzes.questions()}
    for item in at.session_state["quiz_items"]:
        q = answers[item.id]
        if item.form == "step_order":
            value = list(q.answer) if right else list(reversed(q.answer))
            at.multiselect(key=f"quiz_q{item.id}").set_value(value)
        else:
            wrong = next(c for c in q.choices if c != q.answer)
            at.radio(key=f"quiz_q{item.id}").set_value(q.answer if right else wrong)


def _submit(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Submit answers").click().run()
    assert not at.exception, at.exception
    return at


def _answers(desk) -> list[tuple[str, bool]]:
    with desk.sessions() as s:
        return [(a.user, a.correct) for a in s.scalars(select(QuizAnswer))]


def test_a_trainee_answers_five_questions_and_each_is_marked(desk) -> None:
    at = _app()
    assert len(at.radio) + len(at.multiselect) == 5
    _answer(at, desk, right=True)
    _submit(at)
    assert any("5 of 5 right" in m.value for m in at.markdown)
    assert len(at.success) == 5 and not at.error
    assert _answers(desk) == [("tina", True)] * 5
    assert desk.quizzes.results("tina")["score"] == 100


def test_a_wrong_answer_shows_the_right_one_and_the_passage_it_comes_from(desk) -> None:
    at = _app()
    _answer(at, desk, right=False)
    _submit(at)
    assert len(at.error) == 5 and all("Not quite. The answer:" in e.value for e in at.error)
    assert all(c.value == "From procedures/call\\-routing\\.md:" for c in at.caption)
    quoted = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert len(quoted) == 5
    assert _answers(desk) == [("tina", False)] * 5
    next(b for b in at.button if b.label == "New quiz").click().run()
    assert len(at.radio) + len(at.multiselect) == 5


def test_a_quiz_with_an_unanswered_question_is_not_sent(desk) -> None:
    at = _app()
    _submit(at)
    assert any("5 questions have no answer yet." in w.value for w in at.warning)
    assert _answers(desk) == []


def test_an_editor_fixes_and_adds_questions(desk) -> None:
    at = _app("editor", roles=("editor",))
    assert len(at.dataframe[0].value) == len(desk.quizzes.questions())
    first = desk.quizzes.questions()[0]
    at.text_area(key=f"quiz_edit_{first.id}_question").set_value("Better worded?")
    next(b for b in at.button if b.label == "Save question").click().run()
    assert any("Question saved." in s.value for s in at.success)
    fixed = next(q for q in desk.quizzes.questions() if q.id == first.id)
    assert fixed.question == "Better worded?" and fixed.by_hand
    at.text_area(key="quiz_add_question").set_value("Who assigns a new client's manager?")
    at.text_area(key="quiz_add_choices").set_value("The head\nThe operator\nThe KAM")
    at.text_area(key="quiz_add_answer").set_value("The head")
    at.text_area(key="quiz_add_passage").set_value("The head assigns a manager")
    next(b for b in at.button if b.label == "Add question").click().run()
    assert not at.exception, at.exception
    assert any("Question added." in s.value for s in at.success)
    added = next(q for q in desk.quizzes.questions() if q.question.startswith("Who assigns"))
    assert (added.source, added.answer, added.by_hand) == (SOURCE, "The head", True)
    at.text_area(key="quiz_add_choices").set_value("Only one")
    next(b for b in at.button if b.label == "Add question").click().run()
    assert any("at least two different choices" in e.value for e in at.error)


def test_a_trainee_sees_no_editor(desk) -> None:
    at = _app("editor")
    assert any("kept by knowledge editors" in i.value for i in at.info)
    assert not at.dataframe and not at.text_area
    with desk.sessions() as s:
        assert s.scalar(select(func.count(QuizAnswer.id))) == 0


def test_markup_in_a_question_is_shown_as_written(desk) -> None:
    with desk.sessions.begin() as s:
        s.execute(QuizQuestion.__table__.update().values(retired_at=utcnow()))
    hostile = "Who gets **this** <b>call</b> [now](http://evil.example)?"
    desk.quizzes.add(
        actor=Actor.of("eva", ["editor"]),
        source=SOURCE,
        question=hostile,
        choices=["<i>KAM</i>", "`head`"],
        answer="<i>KAM</i>",
        passage="Transfer the call to the client's own KAM.",
    )
    at = _app()
    radio = at.radio[0]
    assert radio.label == "1. " + plain(hostile)
    assert "\\*\\*this\\*\\*" in radio.label and "\\<b\\>" in radio.label
    assert list(radio.options) == [plain("<i>KAM</i>"), plain("`head`")]
