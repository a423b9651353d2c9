"""A procedure document read as quizzes need it: sentences and numbered lists, each verbatim.

Passages are kept as the document has them, whitespace collapsed, so that a passage can be
looked for in a later version of the document (`contains`) whatever its line wrapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
# A sentence ends at . ! or ? followed by a capital, a digit, a quote or a bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„“(0-9A-ZČĆŽŠĐ])")


def squeeze(text: str) -> str:
    """Whitespace collapsed to single spaces: the form passages are stored and compared in."""
    return " ".join(text.split())


def contains(text: str, passage: str) -> bool:
    """Whether `passage` is still in `text`, whatever the line wrapping."""
    wanted = squeeze(passage)
    return bool(wanted) and wanted in squeeze(text)


@dataclass(frozen=True)
class Block:
    """A paragraph, one bullet item, or a whole numbered list, under its nearest heading."""

    kind: str  # paragraph | item | steps
    heading: str
    text: str  # squeezed, as in the document
    steps: tuple[str, ...] = ()  # a numbered list's items, without their numbers

    def sentences(self) -> Iterator[str]:
        """The sentences of a paragraph or an item; a numbered list gives its items' sentences."""
        if self.kind == "steps":
            parts: tuple[str, ...] = self.steps
        else:
            parts = (_BULLET.sub("", self.text, count=1),)
        for part in parts:
            yield from (s.strip() for s in _SENTENCE_END.split(part) if s.strip())


def blocks(text: str) -> list[Block]:
    """The document's paragraphs, bullet items and numbered lists, in order."""
    body = _FRONT_MATTER.sub("", text.replace("\r\n", "\n"), count=1)
    found: list[Block] = []
    heading = ""
    lines: list[str] = []  # the raw lines of the block being read
    kind = ""
    steps: list[list[str]] = []

    def close() -> None:
        nonlocal lines, kind, steps
        if lines:
            raw = squeeze(" ".join(lines))
            items = tuple(squeeze(" ".join(s)) for s in steps)
            found.append(Block(kind, heading, raw, items if kind == "steps" else ()))
        lines, kind, steps = [], "", []

    for line in body.split("\n"):
        if not line.strip():
            # A blank line ends a paragraph or an item, but a numbered list may go on.
            if kind != "steps":
                close()
            continue
        if match := _HEADING.match(line):
            close()
            heading = match.group(1).strip()
            continue
        if _NUMBERED.match(line):
            if kind != "steps":
                close()
                kind = "steps"
            lines.append(line)
            steps.append([_NUMBERED.sub("", line, count=1)])
            continue
        if _BULLET.match(line):
            close()
            kind = "item"
            lines.append(line)
            continue
        if kind == "steps" and not line.startswith((" ", "\t")):
            close()  # an unindented line after a list starts a paragraph
        if not kind:
            kind = "paragraph"
        lines.append(line)
        if kind == "steps":
            steps[-1].append(line)
    close()
    return found
