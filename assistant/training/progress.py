"""What trainees practised and how it went: scored runs kept in the live database.

Training writes results here, never an order, a call or an offer (those stay in the
sandbox). The progress page reads one trainee's runs; a head reads the whole cohort.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.db import transaction
from assistant.timeutil import utcnow
from assistant.training.models import TrainingRun
from assistant.training.scoring import Scorecard

MODES = ("practice", "exam")


class TrainingLog:
    """Scored training runs: written once per finished call, read for progress."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def record(
        self,
        *,
        user: str,
        scenario: str,
        language: str,
        mode: str,
        scorecard: Scorecard,
        started_at: datetime,
    ) -> int:
        """Keep one finished run; returns its id."""
        with transaction(self._sessions) as session:
            run = TrainingRun(
                user=user,
                scenario=scenario,
                language=language,
                mode=mode if mode in MODES else "practice",
                started_at=started_at,
                finished_at=utcnow(),
                seconds=scorecard.seconds,
                score=scorecard.score,
                rules=[r.as_dict() for r in scorecard.rules],
            )
            session.add(run)
            session.flush()
            return run.id

    def runs(self, *, user: str | None = None) -> list[TrainingRun]:
        """Runs oldest first, of one trainee or of all."""
        with self._sessions() as session:
            query = select(TrainingRun).order_by(TrainingRun.started_at, TrainingRun.id)
            if user is not None:
                query = query.where(TrainingRun.user == user)
            return list(session.scalars(query))

    def progress(self, *, user: str) -> dict[str, Any]:
        """Scenarios done, each rule's results over time, and the rules to practise next."""
        runs = self.runs(user=user)
        per_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for run in runs:
            for result in run.rules or []:
                per_rule[result["requirement"]].append(
                    {"at": run.started_at.isoformat(), "passed": bool(result["passed"])}
                )
        return {
            "user": user,
            "runs": [_run(r) for r in runs],
            "scenarios_done": sorted({r.scenario for r in runs}),
            "rules": {k: per_rule[k] for k in sorted(per_rule, key=_rule_order)},
            "practise_next": _weakest(per_rule),
        }

    def cohort(self) -> list[dict[str, Any]]:
        """One row per trainee: runs, scenarios done, average and last score, weakest rules."""
        by_user: dict[str, list[TrainingRun]] = defaultdict(list)
        for run in self.runs():
            by_user[run.user].append(run)
        rows = []
        for user, runs in sorted(by_user.items()):
            scored = [r.score for r in runs if r.score is not None]
            per_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for run in runs:
                for result in run.rules or []:
                    per_rule[result["requirement"]].append({"passed": bool(result["passed"])})
            rows.append(
                {
                    "user": user,
                    "runs": len(runs),
                    "scenarios_done": len({r.scenario for r in runs}),
                    "average_score": round(sum(scored) / len(scored)) if scored else None,
                    "last_score": scored[-1] if scored else None,
                    "last_at": runs[-1].started_at.isoformat(),
                    "practise_next": _weakest(per_rule),
                }
            )
        return rows


def _run(run: TrainingRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "scenario": run.scenario,
        "language": run.language,
        "mode": run.mode,
        "started_at": run.started_at.isoformat(),
        "seconds": run.seconds,
        "score": run.score,
    }


def _rule_order(requirement: str) -> int:
    return int(requirement[1:]) if requirement[1:].isdigit() else 999


def _weakest(per_rule: dict[str, list[dict[str, Any]]], *, last: int = 3) -> list[str]:
    """Rules failed in any of their last `last` results, the most failed first."""
    failing = {}
    for rule, results in per_rule.items():
        recent = results[-last:]
        misses = sum(not r["passed"] for r in recent)
        if misses:
            failing[rule] = misses
    return sorted(failing, key=lambda r: (-failing[r], _rule_order(r)))
