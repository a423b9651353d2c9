"""The procedure passage that states a rule: found by its heading, deterministically.

Feedback cites the company's own words. Each scored requirement names a document and a
heading in it (a Croatian one where the Croatian procedure has the section); the passage
is the section's text under that heading, so an editor who rewrites the section changes
what trainees read, and no embedding model is needed to find it.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"
_HR = "procedures/hr/postupak-telefonske-narudzbe.md"
_FLOW = (_HR, "Tijek narudžbe")
# requirement -> (English document, heading), (Croatian document, heading) or None
RULE_SOURCES: dict[str, tuple[tuple[str, str], tuple[str, str] | None]] = {
    "R3": (("procedures/call-routing.md", "Calls the operator handles personally"), None),
    "R4": (("procedures/call-routing.md", "Key clients"), (_HR, "Ključni kupci")),
    "R5": (("procedures/call-routing.md", "New clients"), (_HR, "Novi kupci")),
    "R6": (
        ("procedures/call-routing.md", "Complaints and other matters"),
        (_HR, "Reklamacije i ostali upiti"),
    ),
    "R7": (("procedures/call-routing.md", "Unusual situations"), None),
    "R8": (
        ("procedures/credit-control.md", "Check before accepting an order"),
        (_HR, "Kreditna kontrola"),
    ),
    "R9": (("procedures/credit-control.md", "Overdue debt"), (_HR, "Kreditna kontrola")),
    "R10": (("procedures/credit-control.md", "The largest order the credit allows"), None),
    "R11": (("procedures/promotions-special-positions.md", "During every order"), _FLOW),
    "R12": (("procedures/promotions-special-positions.md", "During every order"), _FLOW),
    "R13": (("procedures/promotions-special-positions.md", "During every order"), _FLOW),
    "R14": (("procedures/promotions-special-positions.md", "Who gets which promotion"), None),
    "R15": (("procedures/promotions-special-positions.md", "Rules"), None),
    "R16": (("procedures/delivery-terms.md", "What to agree on every order"), _FLOW),
    "R17": (
        ("procedures/regional-orders.md", "What to agree on every regional order"),
        (_HR, "Regionalni kupci"),
    ),
}
_HEADING = re.compile(r"^(#+)\s+(.*?)\s*$")
LIMIT = 700  # characters of a passage shown beside the feedback


def passage(doc: str, heading: str | None = None, *, root: Path = SOURCES) -> str | None:
    """The text under `heading` in `doc` (the first section when None); None if not found."""
    path = root / doc
    if not path.is_file():
        return None
    rows = path.read_text(encoding="utf-8").splitlines()
    rows = _without_front_matter(rows)
    start, level = None, 0
    for n, row in enumerate(rows):
        match = _HEADING.match(row)
        if match is None:
            continue
        if start is None and (heading is None or match.group(2).casefold() == heading.casefold()):
            if heading is None and len(match.group(1)) == 1:
                continue  # the document's title: its first section is wanted
            start, level = n + 1, len(match.group(1))
        elif start is not None and len(match.group(1)) <= level:
            return _trim(rows[start:n])
    return _trim(rows[start:]) if start is not None else None


def source_of(requirement: str, language: str, *, answer_source: str | None = None) -> dict | None:
    """{"doc", "text"}: the passage that states `requirement`, in `language` where there is one."""
    if requirement == "R19":
        if not answer_source:
            return None
        text = passage(answer_source)
        return {"doc": answer_source, "text": text} if text else None
    if requirement not in RULE_SOURCES:
        return None
    english, croatian = RULE_SOURCES[requirement]
    for doc, heading in ([croatian] if croatian and language == "hr" else []) + [english]:
        text = passage(doc, heading)
        if text:
            return {"doc": doc, "text": text}
    return None


def _without_front_matter(rows: list[str]) -> list[str]:
    if rows and rows[0].strip() == "---":
        for n, row in enumerate(rows[1:], 1):
            if row.strip() == "---":
                return rows[n + 1 :]
    return rows


def _trim(rows: list[str]) -> str:
    text = "\n".join(rows).strip()
    if len(text) <= LIMIT:
        return text
    cut = text[:LIMIT]
    return cut[: cut.rfind("\n")] if "\n" in cut else cut
