"""A trainee's progress (scenarios done, each rule over time, what to practise next, the
quizzes) and, for heads, the whole cohort."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.i18n import _
from assistant.training.progress import TrainingLog
from assistant.ui import deps


def _log() -> TrainingLog:
    # The live database: a training call writes its scored run there, nothing else.
    return TrainingLog(session_factory=deps.live_services().sessions)


def progress(user: str) -> None:
    """Scenarios done, the results per rule over time, the rules to practise next, quizzes."""
    done = _log().progress(user=user)
    runs: list[dict[str, Any]] = list(done.get("runs") or [])
    st.markdown("#### " + _("Scenarios done"))
    if not runs:
        st.caption(_("No training call yet: pick a scenario under Practise."))
    else:
        st.dataframe(
            [
                {
                    _("When"): run.get("started_at") or run.get("at"),
                    _("Scenario"): run.get("scenario"),
                    _("Mode"): run.get("mode"),
                    _("Score"): run.get("score"),
                }
                for run in runs
            ],
            hide_index=True,
            key="training_runs",
        )
    _rules(done)
    _quizzes(user)


def _rules(done: dict[str, Any]) -> None:
    """Each rule's results, oldest first, as ✓ and ✗; then the rules to practise next."""
    rules: dict[str, list[Any]] = done.get("rules") or {}
    if rules:
        st.markdown("#### " + _("Results per rule"))
        st.dataframe(
            [
                {
                    _("Rule"): rule,
                    _("Passed"): sum(1 for r in results if _passed(r)),
                    _("Scored"): len(results),
                    _("Over time"): " ".join("✓" if _passed(r) else "✗" for r in results),
                }
                for rule, results in sorted(rules.items())
            ],
            hide_index=True,
            key="training_rules",
        )
    practise = list(done.get("practise_next") or done.get("to_practise") or [])
    if practise:
        st.markdown(_("**Practise next:** {rules}").format(rules=", ".join(practise)))


def _passed(result: Any) -> bool:
    return bool(result.get("passed")) if isinstance(result, dict) else bool(result)


def _quizzes(user: str) -> None:
    """Quiz results join the progress: the score, by procedure, what to read again."""
    results = deps.live_services().quizzes.results(user)
    st.markdown("#### " + _("Quizzes"))
    if not results["answered"]:
        st.caption(_("No quiz answered yet."))
        return
    st.markdown(
        _("{correct} of {answered} answers right ({score} %).").format(
            correct=results["correct"], answered=results["answered"], score=results["score"]
        )
    )
    if results["to_review"]:
        st.markdown(_("**Read again:** {sources}").format(sources=", ".join(results["to_review"])))


def cohort() -> None:
    """One row per trainee: scenarios done, average score, the weakest rules."""
    rows = _log().cohort()
    st.markdown("#### " + _("Cohort"))
    if not rows:
        st.caption(_("No trainee has done a training call yet."))
        return
    st.dataframe(
        [
            {
                _("Trainee"): row.get("user"),
                _("Scenarios done"): row.get("scenarios") or row.get("runs"),
                _("Average score"): row.get("average") or row.get("average_score"),
                _("Weakest rules"): ", ".join(row.get("weakest") or row.get("weakest_rules") or []),
            }
            for row in rows
        ],
        hide_index=True,
        key="training_cohort",
    )
