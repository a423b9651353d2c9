"""Quizzes on the Training page: a trainee's quiz of five, and the editors' questions.

The Training page calls `show_quiz(user)` and `show_quiz_editor()`; the questions, the marks
and the rights live in `training/quiz_book.py`.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.i18n import N_, _, ngettext
from assistant.i18n import language as current_language
from assistant.training.quiz import FORMS
from assistant.training.quiz_book import procedures
from assistant.training.quiz_views import Marked, QuizItem
from assistant.ui import deps
from assistant.ui.session_user import acting

ITEMS_KEY = "quiz_items"
MARKS_KEY = "quiz_marks"
QUIZ_SIZE = 5
FORM_LABELS = {
    "department": N_("who gets it"),
    "check_before": N_("what is checked before"),
    "step_order": N_("order of steps"),
}
# Texts come from documents editors write: shown as text, never as markup (R21).
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$])")


def plain(text: str) -> str:
    """`text` with Markdown's special characters escaped, so it reads as written."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def show_quiz(user: Actor | str, *, source: str | None = None, language: str | None = None) -> None:
    """A quiz of five questions as a form; after it, each answer marked with its passage.

    Questions in the screen's language (or `language`) come first.
    """
    name = user.name if isinstance(user, Actor) else str(user)
    book = deps.services().quizzes
    if ITEMS_KEY not in st.session_state:
        st.session_state[ITEMS_KEY] = book.quiz(
            name, source=source, n=QUIZ_SIZE, language=language or current_language()
        )
    items: list[QuizItem] = st.session_state[ITEMS_KEY]
    marks: dict[int, Marked] = st.session_state.get(MARKS_KEY, {})
    if not items:
        st.info(_("No quiz questions yet: an editor generates them from the procedures."))
        return
    if marks:
        _show_marks(items, marks)
        if st.button(_("New quiz"), key="quiz_new"):
            st.session_state.pop(ITEMS_KEY, None)
            st.session_state.pop(MARKS_KEY, None)
            st.rerun()
        return
    with st.form("quiz_form"):
        for number, item in enumerate(items, 1):
            label = f"{number}. {plain(item.question)}"
            if item.form == "step_order":
                st.multiselect(
                    label,
                    item.choices,
                    key=f"quiz_q{item.id}",
                    format_func=plain,
                    help=_("Pick the steps in the order they are done."),
                )
            else:
                st.radio(label, item.choices, index=None, key=f"quiz_q{item.id}", format_func=plain)
        sent = st.form_submit_button(_("Submit answers"))
    if sent:
        given = {item.id: st.session_state.get(f"quiz_q{item.id}") for item in items}
        missing = sum(1 for value in given.values() if not value)
        if missing:
            st.warning(
                ngettext(
                    "{n} question has no answer yet.", "{n} questions have no answer yet.", missing
                ).format(n=missing)
            )
            return
        st.session_state[MARKS_KEY] = {
            item.id: book.answer(name, item.id, given[item.id] or "") for item in items
        }
        st.rerun()


def _show_marks(items: list[QuizItem], marks: dict[int, Marked]) -> None:
    right = sum(m.correct for m in marks.values())
    st.markdown("**" + _("{right} of {total} right").format(right=right, total=len(marks)) + "**")
    for number, item in enumerate(items, 1):
        mark = marks.get(item.id)
        if mark is None:
            continue
        head = f"{number}. {plain(item.question)}"
        if mark.correct:
            st.success(head + "  \n" + _("Right."))
        else:
            answer = mark.answer if isinstance(mark.answer, str) else " → ".join(mark.answer)
            st.error(
                head + "  \n" + _("Not quite. The answer: {answer}").format(answer=plain(answer))
            )
        st.caption(_("From {source}:").format(source=plain(mark.source)))
        st.markdown("> " + plain(mark.passage))


def show_quiz_editor() -> None:
    """The editors' list of questions: regenerate, fix one, add one."""
    actor = acting()
    if not actor.may("knowledge.change"):
        st.info(_("Quiz questions are kept by knowledge editors."))
        return
    services = deps.services()
    book = services.quizzes
    if st.button(_("Generate from the procedures"), key="quiz_generate"):
        _act(lambda: book.generate_all(actor=actor), _("Questions generated."))
    questions = book.questions(retired=True)
    flagged = [q for q in questions if q.by_hand and not q.active]
    if flagged:
        st.warning(
            ngettext(
                "{n} question written by hand was retired: its passage is gone from the procedure.",
                "{n} questions written by hand were retired: their passage is gone from the "
                "procedure.",
                len(flagged),
            ).format(n=len(flagged))
        )
    if questions:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        _("Id"): q.id,
                        _("Procedure"): q.source,
                        _("Form"): _(FORM_LABELS.get(q.form, q.form)),
                        _("Question"): q.question,
                        _("Active"): q.active,
                        _("By hand"): q.by_hand,
                    }
                    for q in questions
                ]
            ),
            hide_index=True,
            key="quiz_table",
        )
        chosen = st.selectbox(
            _("Question to fix"),
            [q.id for q in questions],
            format_func=lambda i: f"{i}: {next(q.question for q in questions if q.id == i)}"[:120],
            key="quiz_pick",
        )
        question = next(q for q in questions if q.id == chosen)
        _edit_form(question.as_dict(), actor)
    else:
        st.info(_("No quiz questions yet."))
    # The procedures in the knowledge base, and any a question already cites.
    known = set(procedures(services.knowledge_registry)) | {q.source for q in questions}
    _add_form(sorted(known), actor)


def _edit_form(q: dict[str, Any], actor: Actor) -> None:
    book = deps.services().quizzes
    key = f"quiz_edit_{q['id']}"
    with st.form(key):
        text = st.text_area(_("Question"), q["question"], key=f"{key}_question")
        choices = st.text_area(
            _("Choices, one a line"), "\n".join(q["choices"]), key=f"{key}_choices"
        )
        answer_default = "\n".join(q["answer"]) if isinstance(q["answer"], list) else q["answer"]
        answer = st.text_area(_("Answer"), answer_default, key=f"{key}_answer")
        passage = st.text_area(_("Passage"), q["passage"], key=f"{key}_passage")
        retired = st.checkbox(_("Retired"), not q["active"], key=f"{key}_retired")
        if st.form_submit_button(_("Save question")):
            _act(
                lambda: book.edit(
                    q["id"],
                    actor=actor,
                    question=text,
                    choices=_lines(choices),
                    answer=_lines(answer) if q["form"] == "step_order" else answer.strip(),
                    passage=passage,
                    retired=retired,
                ),
                _("Question saved."),
            )


def _add_form(sources: list[str], actor: Actor) -> None:
    book = deps.services().quizzes
    st.markdown("**" + _("Add a question") + "**")
    with st.form("quiz_add"):
        source = st.selectbox(_("Procedure"), sources, key="quiz_add_source")
        form = st.selectbox(
            _("Form"), FORMS, format_func=lambda f: _(FORM_LABELS[f]), key="quiz_add_form"
        )
        text = st.text_area(_("Question"), key="quiz_add_question")
        choices = st.text_area(_("Choices, one a line"), key="quiz_add_choices")
        answer = st.text_area(
            _("Answer (for an order of steps: every step, in order, one a line)"),
            key="quiz_add_answer",
        )
        passage = st.text_area(_("Passage"), key="quiz_add_passage")
        if st.form_submit_button(_("Add question")):
            _act(
                lambda: book.add(
                    actor=actor,
                    source=source or "",
                    form=form,
                    question=text,
                    choices=_lines(choices),
                    answer=_lines(answer) if form == "step_order" else answer.strip(),
                    passage=passage,
                ),
                _("Question added."),
            )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _act(work: Any, done: str) -> None:
    try:
        work()
    except DeskError as err:
        for problem in err.problems:
            st.error(problem.message)
        return
    st.success(done)
