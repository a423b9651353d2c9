"""The path of one call through the script, filled from what the desk knows."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.script.loader import Script, Step


@dataclass(frozen=True)
class Progress:
    """What the call has done so far: signals the desk saw, steps ticked, requirements skipped."""

    seen: frozenset[str] = frozenset()  # facts.SIGNALS that happened
    ticked: frozenset[str] = frozenset()  # step ids the operator ticked by hand
    skipped: frozenset[str] = frozenset()  # requirements left undone with a reason


def path(
    script: Script,
    facts: Mapping[str, Any],
    words: Mapping[str, Any],
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Every step from `start` to the end, as {id, say, requirement, state}."""
    done = progress or Progress()
    out: list[dict[str, Any]] = []
    sid: str | None = script.start
    seen: set[str] = set()
    while sid and sid in script.steps and sid not in seen:
        seen.add(sid)
        step = script.steps[sid]
        applies = _holds(step.when, facts)
        out.append(
            {
                "id": step.id,
                "say": fill(step.say, words) if applies else "",
                "requirement": step.requirement,
                "state": _state(step, done) if applies else "n/a",
            }
        )
        sid = _next(step, facts)
    return out


def _holds(when: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    return all(facts.get(fact) == value for fact, value in when.items())


def _next(step: Step, facts: Mapping[str, Any]) -> str | None:
    return next((b.goto for b in step.next if _holds(b.when, facts)), None)


def _state(step: Step, progress: Progress) -> str:
    if step.id in progress.ticked or (step.done_when and step.done_when in progress.seen):
        return "done"
    if step.requirement and step.requirement in progress.skipped:
        return "skipped"
    return "todo"


def fill(text: str, words: Mapping[str, Any]) -> str:
    """The text with every {word} the desk knows filled in; an unknown one becomes '…'."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            value = words.get(name)
            parts.append("…" if value in (None, "") else str(value))
    return "".join(parts)
