"""The validator: every problem names the file, the line and the fix."""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.script.facts import FACTS, REQUIRED, SIGNALS, VARIABLES
from assistant.script.loader import Script, ScriptFileError, parse


@dataclass(frozen=True)
class Problem:
    """One error in a script file, ready to print as `file:line: what; fix`."""

    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}; {self.fix}"


def check(script: Script) -> list[Problem]:
    """Every error in the script, in the order of its lines."""
    found = [Problem(str(script.path), line, what, fix) for line, what, fix in script.problems]
    found += _facts_and_words(script)
    found += _targets(script)
    found += _unreachable(script)
    found += _coverage(script)
    return sorted(found, key=lambda p: p.line)


def validate(
    text: str, path: Path, *, language: str | None = None
) -> tuple[Script | None, list[Problem]]:
    """The script in `text` and every error in it, its `language:` checked too.

    The language must be one the desk speaks and, when `language` is given (the editor
    edits that language's script), that one.
    """
    try:
        script = parse(text, path)
    except ScriptFileError as exc:
        return None, [Problem(str(path), exc.line, exc.what, exc.fix)]
    found = check(script)
    wanted = (language,) if language else LANGUAGES
    if script.language not in wanted:
        line = next(
            (i for i, row in enumerate(text.splitlines(), 1) if row.startswith("language:")), 1
        )
        what = _("language {language!r} is not one the desk speaks").format(
            language=script.language
        )
        if script.language in LANGUAGES:
            what = _("this is the {language!r} script").format(language=script.language)
        fix = _("start the file with one of: {languages}").format(
            languages=", ".join(f"'language: {code}'" for code in wanted)
        )
        found.insert(0, Problem(str(path), line, what, fix))
    return script, found


def _problem(script: Script, line: int, message: str, fix: str) -> Problem:
    return Problem(str(script.path), line, message, fix)


def _facts_and_words(script: Script) -> list[Problem]:
    out = []
    known = ", ".join(sorted(FACTS))
    for step in script.steps.values():
        conditions = [(step.line, step.when)] + [(b.line, b.when) for b in step.next]
        for line, when in conditions:
            for fact in when:
                if fact not in FACTS:
                    out.append(
                        _problem(
                            script,
                            line,
                            _("unknown fact {fact!r}").format(fact=fact),
                            _("use one of: {known}").format(known=known),
                        )
                    )
        if step.done_when and step.done_when not in SIGNALS:
            out.append(
                _problem(
                    script,
                    step.line,
                    _("step {step!r} is done when {signal!r}, which the desk never sees").format(
                        step=step.id, signal=step.done_when
                    ),
                    _(
                        "use one of: {known}, or leave 'done_when:' out for a step ticked by hand"
                    ).format(known=", ".join(sorted(SIGNALS))),
                )
            )
        for word in _fields(step.say):
            if word not in VARIABLES:
                out.append(
                    _problem(
                        script,
                        step.line,
                        _("step {step!r} says the unknown variable {{{word}}}").format(
                            step=step.id, word=word
                        ),
                        _("use one of: {known}").format(known=", ".join(sorted(VARIABLES))),
                    )
                )
    return out


def _fields(text: str) -> list[str]:
    return [name for _text, name, _spec, _conv in string.Formatter().parse(text) if name]


def _targets(script: Script) -> list[Problem]:
    out = []
    for step in script.steps.values():
        for branch in step.next:
            if branch.goto not in script.steps:
                out.append(
                    _problem(
                        script,
                        branch.line,
                        _("step {step!r} goes to {goto!r}, which is no step").format(
                            step=step.id, goto=branch.goto
                        ),
                        _("name an existing step id"),
                    )
                )
        if step.next and all(branch.when for branch in step.next):
            out.append(
                _problem(
                    script,
                    step.line,
                    _("step {step!r} has no way out when no condition holds").format(step=step.id),
                    _("end its 'next:' list with a branch without 'when:'"),
                )
            )
    return out


def reachable(script: Script) -> set[str]:
    """The steps some path from `start` can get to."""
    seen: set[str] = set()
    todo = [script.start]
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in script.steps:
            continue
        seen.add(sid)
        todo += [b.goto for b in script.steps[sid].next]
    return seen


def _unreachable(script: Script) -> list[Problem]:
    seen = reachable(script)
    return [
        _problem(
            script,
            step.line,
            _("step {step!r} is unreachable").format(step=step.id),
            _("point a 'next:' of another step at it, or remove it"),
        )
        for step in script.steps.values()
        if step.id not in seen
    ]


def _coverage(script: Script) -> list[Problem]:
    seen = reachable(script)
    covered = {script.steps[s].requirement for s in seen}
    return [
        _problem(
            script,
            1,
            _("no path covers requirement {requirement}").format(requirement=req),
            _("add a reachable step with 'requirement: {requirement}'").format(requirement=req),
        )
        for req in REQUIRED
        if req not in covered
    ]
