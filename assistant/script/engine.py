"""The path of one call through the script, filled from what the desk knows."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from assistant.script.loader import Script, Step

# Steps the desk can see done from the card and the draft, by the fact that shows it.
_DONE_WHEN: dict[str, tuple[str, object]] = {
    "identification": ("new_caller", False),
    "credit": ("new_caller", False),
    "order_taking": ("draft_empty", False),
}


def path(
    script: Script, facts: Mapping[str, Any], words: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Every step from `start` to the end, as {id, say, requirement, state}."""
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
                "state": _state(step, facts) if applies else "n/a",
            }
        )
        sid = _next(step, facts)
    return out


def _holds(when: Mapping[str, Any], facts: Mapping[str, Any]) -> bool:
    return all(facts.get(fact) == value for fact, value in when.items())


def _next(step: Step, facts: Mapping[str, Any]) -> str | None:
    return next((b.goto for b in step.next if _holds(b.when, facts)), None)


def _state(step: Step, facts: Mapping[str, Any]) -> str:
    rule = _DONE_WHEN.get(step.id)
    return "done" if rule and facts.get(rule[0]) == rule[1] else "todo"


def fill(text: str, words: Mapping[str, Any]) -> str:
    """The text with every {word} the desk knows filled in; an unknown one becomes '…'."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(text):
        parts.append(literal)
        if name is not None:
            value = words.get(name)
            parts.append("…" if value in (None, "") else str(value))
    return "".join(parts)
