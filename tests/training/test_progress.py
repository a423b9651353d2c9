"""Training results in the live database: a trainee's progress and the cohort for heads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from assistant.training.progress import TrainingLog
from assistant.training.scoring import RuleResult, Scorecard


def _card(scenario: str, **passed: bool) -> Scorecard:
    rules = tuple(RuleResult(r, ok, "feedback", None) for r, ok in passed.items())
    score = round(100 * sum(passed.values()) / len(passed))
    return Scorecard(scenario, score, rules, 42)


def _record(log: TrainingLog, user: str, scenario: str, day: int, **passed: bool) -> int:
    return log.record(
        user=user,
        scenario=scenario,
        language="hr",
        mode="exam",
        scorecard=_card(scenario, **passed),
        started_at=datetime(2026, 11, day, 9),
    )


def test_progress_shows_runs_rules_over_time_and_what_to_practise(
    session_factory: sessionmaker[Session],
) -> None:
    log = TrainingLog(session_factory=session_factory)
    _record(log, "tina", "ordinary-order", 20, R11=False, R12=False, R16=True)
    _record(log, "tina", "ordinary-order", 21, R11=True, R12=False, R16=True)
    _record(log, "tina", "blocked-overdue", 22, R8=True, R9=False)
    _record(log, "ivo", "key-kam-present", 22, R3=True, R4=True)
    progress = log.progress(user="tina")
    assert [r["score"] for r in progress["runs"]] == [33, 67, 50]
    assert progress["scenarios_done"] == ["blocked-overdue", "ordinary-order"]
    assert [p["passed"] for p in progress["rules"]["R11"]] == [False, True]
    assert list(progress["rules"]) == ["R8", "R9", "R11", "R12", "R16"]
    # R12 failed twice of late, R9 and R11 once: the most failed first.
    assert progress["practise_next"] == ["R12", "R9", "R11"]


def test_the_cohort_has_one_row_per_trainee(session_factory: sessionmaker[Session]) -> None:
    log = TrainingLog(session_factory=session_factory)
    _record(log, "tina", "ordinary-order", 20, R11=False, R12=True)
    _record(log, "tina", "ordinary-order", 21, R11=True, R12=True)
    _record(log, "ivo", "key-kam-present", 22, R3=True, R4=True)
    rows = {r["user"]: r for r in log.cohort()}
    assert rows["tina"]["runs"] == 2 and rows["tina"]["scenarios_done"] == 1
    assert rows["tina"]["average_score"] == 75 and rows["tina"]["last_score"] == 100
    assert rows["tina"]["practise_next"] == ["R11"]
    assert rows["ivo"]["practise_next"] == [] and rows["ivo"]["average_score"] == 100
