"""The answer without an LLM: the lead quoted, then the passages with the lead in bold."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chat import texts
from assistant.chat.lead import NO_LEAD, Lead
from assistant.i18n import _
from assistant.text import QUESTION_STOPWORDS, fold, stems
from knowledge.models import Hit
from knowledge.sentences import unwrap

_WORD = re.compile(r"\w+")
PASSAGES_SHOWN = 3
SNIPPET_CHARS = 600


def terms(text: str) -> set[str]:
    """The question's content words as folded stems (numbers kept: "5 kg" matters)."""
    kept = " ".join(w for w in _WORD.findall(text) if fold(w) not in QUESTION_STOPWORDS)
    return {s for s in stems(kept) if len(s) >= 2 or s.isdigit()}


def snippet(text: str, sentence: str, *, limit: int = SNIPPET_CHARS) -> str:
    """The passage with `sentence` in bold, cut to about `limit` characters around it."""
    # Lines are kept (lists stay lists); runs of spaces inside a line are not.
    text = unwrap(text)
    flat = " ".join(sentence.split())
    at = text.find(flat) if flat else -1
    if at < 0:
        shown = _cut(text, 0, limit)
    else:
        start = max(0, at - (limit - len(flat)) // 2)
        shown = _cut(text, start, max(limit, len(flat) + 40)).replace(flat, f"**{flat}**", 1)
    # Hard line breaks, and bullets as text, so a passage renders as one quoted block.
    lines = [
        ("• " + line[2:]) if line.startswith(("- ", "* ")) else line for line in shown.split("\n")
    ]
    return "  \n".join(lines)


def _cut(text: str, start: int, limit: int) -> str:
    end = min(len(text), start + limit)
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return f"{head}{text[start:end].strip()}{tail}"


def passage_label(number: int, hit: Hit) -> str:
    """ "[1] Delivery terms, p. 2" as the answer cites a source ("str. 2" in hr)."""
    title = hit.chunk.title
    if hit.chunk.page:
        title = _("{title}, p. {page}").format(title=title, page=hit.chunk.page)
    return f"[{number}] *{title}*"


def lead_markdown(lead: Lead, hits: Sequence[Hit]) -> str:
    """The lead as a quote in the document's words, with the source it comes from."""
    if lead.source is None or not lead.sentence:
        return ""
    return f"> {lead.sentence}\n>\n> {passage_label(lead.source + 1, hits[lead.source])}"


def supporting(hits: Sequence[Hit], lead: Lead = NO_LEAD) -> str:
    """The passages behind the answer in rank order, the lead in bold inside its own."""
    if not hits:
        return ""
    parts = [_(texts.FROM_DOCUMENTS)]
    for i, hit in enumerate(hits[:PASSAGES_SHOWN]):
        body = snippet(hit.chunk.text, lead.sentence if i == lead.source else "")
        parts.append(f"{passage_label(i + 1, hit)}: {body}")
    return "\n\n".join(parts)


def compose(hits: Sequence[Hit], *, lead: Lead = NO_LEAD, facts_text: str = "") -> str:
    """Facts first (numbers from SQL), then the lead; the passages are `supporting()`."""
    parts = [facts_text] if facts_text else []
    if not hits and not facts_text:
        parts.append(_(texts.NOTHING_FOUND))
    if hits:
        parts.append(lead_markdown(lead, hits))
    return "\n\n".join(p for p in parts if p)
