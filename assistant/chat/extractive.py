"""The answer without an LLM: the best passages with the sentence that answers in bold."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.chat import texts
from assistant.i18n import _
from assistant.text import QUESTION_STOPWORDS, fold, stems
from knowledge.models import Hit

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+")
_BLOCK_START = re.compile(r"([-*•+] |#|\d+[.)] |\||[A-Z0-9]{2,}-\d)")
PASSAGES_SHOWN = 3
SNIPPET_CHARS = 600
_MAX_EMBEDDED = 40  # sentences embedded for the cross-language fallback (~8 ms each)


def terms(text: str) -> set[str]:
    """The question's content words as folded stems (numbers kept: "5 kg" matters)."""
    kept = " ".join(w for w in _WORD.findall(text) if fold(w) not in QUESTION_STOPWORDS)
    return {s for s in stems(kept) if len(s) >= 2 or s.isdigit()}


def unwrap(text: str) -> str:
    """Hard-wrapped lines joined back; bullets, headings, table rows and blanks start anew."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if out and line and out[-1] and not _BLOCK_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(line for line in out if line)


def sentences(text: str) -> list[str]:
    """A passage cut into sentences and list lines; headings and blanks dropped."""
    out = []
    for part in _SENTENCE_END.split(unwrap(text)):
        part = part.strip().lstrip("-*• ").strip()
        if part and not part.startswith("#"):
            out.append(part)
    return out


def _matches(term: str, words: set[str]) -> bool:
    """A query stem is among the words, or a prefix match of four letters or more."""
    if term in words:
        return True
    return len(term) >= 4 and any(
        len(w) >= 4 and (w.startswith(term) or term.startswith(w)) for w in words
    )


def overlap(sentence: str, query: set[str]) -> float:
    """How much of the question a sentence covers; longer words weigh more."""
    words = set(stems(sentence))
    return sum(min(len(q), 8) for q in query if _matches(q, words))


@dataclass(frozen=True)
class Highlight:
    """The sentence that answers best: which passage (0-based rank) and the sentence."""

    rank: int
    sentence: str
    score: float


def best_sentence(
    question: str,
    hits: Sequence[Hit],
    *,
    embeddings: Embeddings | None = None,
    top: int = PASSAGES_SHOWN,
) -> Highlight:
    """The sentence of the top passages with the most question-term overlap; rank breaks ties.

    With no word in common (a question in another language than the documents), the
    sentence closest to the question in embedding space, when a model is given.
    """
    query = terms(question)
    candidates = [
        (r, s)
        for r, hit in enumerate(hits[:top])
        for s in sentences(hit.chunk.text)
        if not _is_heading(s, hit)
    ]
    best = Highlight(0, "", 0.0)
    for rank, sentence in candidates:
        score = overlap(sentence, query)
        if score > best.score:
            best = Highlight(rank, sentence, score)
    if best.score > 0 or embeddings is None or not candidates:
        return best
    return _closest(question, candidates[:_MAX_EMBEDDED], embeddings)


def _is_heading(sentence: str, hit: Hit) -> bool:
    """The heading path a splitter puts first ("Delivery terms > Islands") is not an answer."""
    names = {hit.chunk.title, hit.chunk.heading or ""}
    return sentence in names or " > " in sentence and len(sentence) < 160


def _closest(question: str, candidates: list[tuple[int, str]], model: Embeddings) -> Highlight:
    q = model.embed_query(question)
    vectors = model.embed_documents([s for _rank, s in candidates])
    scored = [(_cosine(q, v), rank, s) for (rank, s), v in zip(candidates, vectors, strict=True)]
    score, rank, sentence = max(scored, key=lambda t: (t[0], -t[1]))
    # Zero overlap means no highlight from words; similarity is a weaker signal, kept < 1.
    return Highlight(rank, sentence, 0.0 if score <= 0 else min(score, 0.999))


def _cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


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


def compose(
    question: str,
    hits: Sequence[Hit],
    *,
    facts_text: str = "",
    embeddings: Embeddings | None = None,
) -> str:
    """Facts first (numbers from SQL), then the best passages, the answering sentence in bold."""
    parts = [facts_text] if facts_text else []
    if not hits:
        parts.append(_(texts.NOTHING_FOUND))
        return "\n\n".join(parts)
    mark = best_sentence(question, hits, embeddings=embeddings)
    # The passage that holds the answering sentence comes first; the others keep rank order.
    order = [mark.rank] + [i for i in range(min(len(hits), PASSAGES_SHOWN)) if i != mark.rank]
    parts.append(_(texts.FROM_DOCUMENTS))
    for i in order:
        hit = hits[i]
        body = snippet(hit.chunk.text, mark.sentence if i == mark.rank else "")
        parts.append(f"{passage_label(i + 1, hit)}: {body}")
    return "\n\n".join(parts)
