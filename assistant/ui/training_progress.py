"""A trainee's progress (scenarios done, each rule over time, what to practise next, the
quizzes) and, for heads, the whole cohort."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.i18n import _
from assistant.training.progress import TrainingLog
from assistant.ui import deps
from assistant.ui.training_desk import MODES


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
        st.caption(
            _("{count} scenarios: {ids}").format(
                count=len(done["scenarios_done"]), ids=", ".join(done["scenarios_done"])
            )
        )
        st.dataframe(
            [
                {
                    _("When"): run["started_at"].replace("T", " ")[:16],
                    _("Scenario"): run["scenario"],
                    _("Mode"): _(MODES.get(run["mode"], run["mode"])),
                    _("Score"): run["score"],
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
    practise = list(done.get("practise_next") or [])
    if practise:
        st.markdown(_("**Practise next:** {rules}").format(rules=", ".join(practise)))


def _passed(result: dict[str, Any]) -> bool:
    return bool(result["passed"])


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
                _("Trainee"): row["user"],
                _("Scenarios done"): row["scenarios_done"],
                _("Calls"): row["runs"],
                _("Average score"): row["average_score"],
                _("Last score"): row["last_score"],
                _("Weakest rules"): ", ".join(row["practise_next"]),
            }
            for row in rows
        ],
        hide_index=True,
        key="training_cohort",
    )
