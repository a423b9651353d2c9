"""The passages an answer shows: overlapping chunks as one, and none beside the point.

- The splitter lets neighbouring chunks share their edges (ingest/documents/splitting.py),
  so two hits of one document can repeat the same numbered points. Hits of one document
  that continue each other, or share more than half of their sentences, become one
  passage whose pages span both.
- When SQL answers the question (a price, a stock, a pack size of a named product), a
  passage must name that product or hold every other word of the question; a procedure
  that merely came up in the search is noise beside the number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.chat.facts import PRICE_WORDS, STOCK_WORDS
from assistant.chat.lead import matches
from assistant.chat.models import Facts, ProductFact
from assistant.text import fold, stems
from knowledge.models import Hit
from knowledge.sentences import sentences

_SHARED = 0.5  # more than this share of the shorter passage's sentences: the same text
_EDGE = 30  # characters two neighbouring chunks must share to count as continuing
_NAME_SHARE = 0.6  # as in facts: most of a product's name is the product
_ASK_WORDS = {w for w in PRICE_WORDS + STOCK_WORDS if " " not in w}


def merge_overlapping(hits: Sequence[Hit]) -> list[Hit]:
    """Hits in rank order, each one merged into a better-ranked hit it repeats."""
    out: list[Hit] = []
    for hit in hits:
        for i, kept in enumerate(out):
            joined = _join(kept, hit) if kept.chunk.doc == hit.chunk.doc else None
            if joined is not None:
                out[i] = joined
                break
        else:
            out.append(hit)
    return out


def _body(hit: Hit) -> str:
    """The chunk's text without the heading path the splitter puts first."""
    text, heading = hit.chunk.text, hit.chunk.heading
    if heading and text.startswith(heading):
        return text[len(heading) :].lstrip("\n")
    return text


def _units(text: str) -> set[str]:
    return {" ".join(fold(s).split()) for s in sentences(text)}


def _edge(first: str, second: str) -> int:
    """How many characters `first` ends with that `second` starts with (0 if under _EDGE)."""
    for size in range(min(len(first), len(second)), _EDGE - 1, -1):
        if first.endswith(second[:size]):
            return size
    return 0


def _join(kept: Hit, hit: Hit) -> Hit | None:
    """The two hits as one passage, or None when they do not repeat each other."""
    a, b = _body(kept), _body(hit)
    if b.strip() in a:
        text = kept.chunk.text
    elif a.strip() in b:
        text = hit.chunk.text
    elif size := _edge(a, b):
        text = kept.chunk.text + b[size:]
    elif size := _edge(b, a):
        text = hit.chunk.text + a[size:]
    else:
        ua, ub = _units(a), _units(b)
        if not ua or not ub or len(ua & ub) / min(len(ua), len(ub)) <= _SHARED:
            return None
        extra = [line for line in b.splitlines() if line.strip() and line.strip() not in a]
        text = "\n".join([kept.chunk.text, *extra])
    pages = [p for p in (kept.chunk.page, kept.last_page, hit.chunk.page, hit.last_page) if p]
    return replace(
        kept,
        chunk=replace(kept.chunk, text=text, page=min(pages) if pages else None),
        score=max(kept.score, hit.score),
        last_page=max(pages) if pages else None,
        merged=(kept.merged or (kept.chunk.id,)) + (hit.merged or (hit.chunk.id,)),
    )


def bearing(hits: Sequence[Hit], facts: Facts, query: set[str]) -> list[Hit]:
    """The hits that bear on what SQL answered; all of them when SQL answered nothing."""
    if not facts.products or not (facts.asks_price or facts.asks_stock):
        return list(hits)
    rest = {q for q in query if not _asks(q)}
    kept = []
    for hit in hits:
        words = set(stems(hit.chunk.text))
        named = any(
            hit.chunk.sku == product.sku or _names(hit.chunk.text, product, words)
            for product in facts.products
        )
        if named or (rest and all(matches(q, words) for q in rest)):
            kept.append(hit)
    return kept


def _asks(term: str) -> bool:
    """A stem of "price", "stock", "cijena"...: what was asked, not what about."""
    return any(w.startswith(term) or term.startswith(w) for w in _ASK_WORDS if len(term) >= 3)


def names_a_product(text: str, *, facts: Facts) -> bool:
    """Whether `text` (the lead) names a product SQL answered for; True when none was."""
    if not facts.products:
        return True
    words = set(stems(text))
    return any(_names(text, product, words) for product in facts.products)


def _names(text: str, product: ProductFact, words: set[str]) -> bool:
    """The text names the product: its SKU, or most of its name's words."""
    if product.sku and re.search(rf"\b{re.escape(product.sku)}\b", text):
        return True
    name = [s for s in stems(product.name) if len(s) >= 3 and not s.isdigit()]
    return bool(name) and sum(matches(s, words) for s in name) / len(name) >= _NAME_SHARE
