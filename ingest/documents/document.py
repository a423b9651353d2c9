"""A document as a loader read it from one file, before splitting; or why it cannot be used."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class Unusable(Exception):
    """A file that cannot be indexed: `status` is "skipped" or "failed", `reason` says why."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Section:
    """A stretch of a document: a PDF page, a table row, or Markdown still to split."""

    text: str
    page: int | None = None
    sku: str | None = None
    client_types: tuple[str, ...] = ()
    whole: bool = False  # a table row or row group: indexed as one chunk, never split


@dataclass(frozen=True)
class LoadedDocument:
    """What a loader read from one file, before splitting."""

    title: str
    sections: tuple[Section, ...]
    pages: int | None = None
    markdown: bool = False  # sections are Markdown: split on headings first
    kind: str | None = None  # from front matter
    client_types: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def chars(self) -> int:
        return sum(len(s.text) for s in self.sections)


def title_from_name(name: str) -> str:
    """A readable title from a file name: "credit-control" -> "Credit control"."""
    words = re.sub(r"[_\-]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name
