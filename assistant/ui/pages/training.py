"""Training: practise a scenario on the live call page against a sandbox, see the
scorecard and the progress, take quizzes; heads see the whole cohort."""

from __future__ import annotations

import streamlit as st

from assistant.i18n import _
from assistant.ui import training_call, training_progress
from assistant.ui.session_user import current_actor

actor = current_actor()
training = training_call.active()
if training is not None:
    # The call fills the page: the live call screen itself, on the sandbox.
    from assistant.ui import training_desk

    training_desk.render(training)
elif actor is not None:
    from assistant.ui import training_picker, training_quiz, training_scorecard

    head = "head" in actor.roles
    titles = {"practise": _("Practise"), "progress": _("Progress"), "quiz": _("Quiz")}
    if head:  # heads open on the cohort
        titles = {"cohort": _("Cohort"), **titles}
    tabs = dict(zip(titles, st.tabs(list(titles.values())), strict=True))
    if head:
        with tabs["cohort"]:
            training_progress.cohort()
    with tabs["practise"]:
        training_scorecard.render()
        training_picker.render()
    with tabs["progress"]:
        training_progress.progress(actor.name)
    with tabs["quiz"]:
        if actor.may("knowledge.change"):
            training_quiz.show_quiz_editor()
        else:
            training_quiz.show_quiz(actor)
