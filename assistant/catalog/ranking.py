"""Which matching product comes first: the product the word names before those that mention it.

Operators type the head noun ("ulje"), so "Ulje za prženje" and "Maslinovo ulje"
come before "Tuna u ulju": in a Croatian product name the words before the first
preposition or quantity name the product, the rest says what is in it or with it.
"""

from __future__ import annotations

import re

from assistant.text import fold, stem, terms

# Words after which a name says what the product contains, is for, or comes with.
_MODIFIER_START = frozenset(
    ["u", "za", "od", "s", "sa", "bez", "na", "iz", "i", "po", "with", "in", "for", "of"]
)
# A SKU typed short: letters, then the number without its leading zeros ("ul11", "KO-7").
_SKU = re.compile(r"([^\W\d_]+)[\s\-./]*0*(\d+)")


def sku_key(text: str) -> str | None:
    """ "UL-0011", "ul 11" and "ul11" -> "ul11"; None when `text` is not letters + number."""
    found = _SKU.fullmatch(fold(text).strip())
    return f"{found[1]}{found[2]}" if found else None


def head_words(name: str) -> list[str]:
    """The words that name the product: up to the first preposition or quantity."""
    out = []
    for word in fold(name).split():
        if word in _MODIFIER_START or any(ch.isdigit() for ch in word):
            break
        out.append(word)
    return out


class NameRank:
    """Sort key of a folded product name for one query: lower sorts first."""

    def __init__(self, query: str) -> None:
        self.words = set(fold(query).split())
        self.stems = set(terms(query))
        first = terms(query)
        self.first = first[0] if first else ""

    def key(self, search_name: str) -> tuple[int, int, int, str]:
        """(how the name starts, query words among its head words, length, name)."""
        head = head_words(search_name)
        head_stems = [stem(w) for w in head]
        if head and head[0] in self.words:
            starts = 0  # the name starts with a word exactly as typed
        elif head_stems and head_stems[0] == self.first:
            starts = 1  # ... or with an inflected form of the first word typed
        else:
            starts = 2
        in_head = len(self.stems.intersection(head_stems))
        return (starts, -in_head, len(search_name), search_name)
