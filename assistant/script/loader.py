"""A call script read from YAML, every step remembering the line it starts on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.i18n import _


@dataclass(frozen=True)
class Branch:
    """Go to `goto` when every fact in `when` has its value; no `when` means always."""

    goto: str
    when: dict[str, Any]
    line: int


@dataclass(frozen=True)
class Step:
    """One thing the operator says or does, the requirement it serves, and where to go next."""

    id: str
    say: str
    requirement: str | None
    line: int
    when: dict[str, Any] = field(default_factory=dict)
    next: tuple[Branch, ...] = ()
    # What the desk sees when the step is done (facts.SIGNALS); without it the operator ticks.
    done_when: str | None = None


@dataclass(frozen=True)
class Script:
    """The steps of one file in one language, from `start`."""

    path: Path
    language: str
    start: str
    steps: dict[str, Step]
    version: str
    problems: tuple[tuple[int, str, str], ...] = ()  # (line, what, fix) found while reading


class ScriptFileError(ValueError):
    """The file is not YAML, or not a script at all: the line, what is wrong and the fix."""

    def __init__(self, path: Path, line: int, what: str, fix: str) -> None:
        super().__init__(f"{path}:{line}: {what}; {fix}")
        self.line, self.what, self.fix = line, what, fix


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that keeps the line of every mapping under `__line__`."""


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    data = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    data["__line__"] = node.start_mark.line + 1
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def version_of(text: str) -> str:
    """The script's version until versions are kept: its content hash."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def load(path: Path) -> Script:
    """Read a script file; what is odd in a step is kept as a problem for the validator."""
    return parse(path.read_text(encoding="utf-8"), path)


def parse(text: str, path: Path) -> Script:
    """A script from its text; `path` names it in messages (a file, or a stored version)."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScriptFileError(
            path,
            mark.line + 1 if mark else 1,
            _("not valid YAML ({error})").format(error=exc),
            _("fix the marked line"),
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ScriptFileError(
            path,
            1,
            _("not a call script"),
            _("give it 'language:', 'start:' and a 'steps:' list"),
        )
    problems: list[tuple[int, str, str]] = []
    steps: dict[str, Step] = {}
    for raw in data["steps"]:
        step = _step(raw, problems)
        if step is not None:
            steps[step.id] = step
    start = str(data.get("start") or (next(iter(steps)) if steps else ""))
    return Script(
        path, str(data.get("language", "")), start, steps, version_of(text), tuple(problems)
    )


def _step(raw: Any, problems: list[tuple[int, str, str]]) -> Step | None:
    line = raw.get("__line__", 0) if isinstance(raw, dict) else 0
    if not isinstance(raw, dict) or not raw.get("id"):
        problems.append((line, _("a step without an id"), _("give the step an 'id:'")))
        return None
    return Step(
        id=str(raw["id"]),
        say=str(raw.get("say") or ""),
        requirement=raw.get("requirement"),
        line=line,
        when=_plain(raw.get("when") or {}),
        next=_branches(raw.get("next"), line),
        done_when=str(raw["done_when"]) if raw.get("done_when") else None,
    )


def _branches(raw: Any, line: int) -> tuple[Branch, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (Branch(raw, {}, line),)
    out = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, dict):
            out.append(
                Branch(str(item.get("goto", "")), _plain(item.get("when") or {}), item["__line__"])
            )
        else:
            out.append(Branch(str(item), {}, line))
    return tuple(out)


def _plain(when: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in when.items() if k != "__line__"}
