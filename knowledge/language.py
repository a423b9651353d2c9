"""Which language a text is written in, from its letters and its function words."""

from __future__ import annotations

import re
from collections import Counter

from assistant.text import STOPWORDS, WORD, fold, has_cyrillic

_CROATIAN_LETTERS = re.compile(r"[čćžšđČĆŽŠĐ]")


def detect_language(text: str) -> str | None:
    """ "hr", "en" or "ru" from letters and function words; None when there is no telling."""
    if has_cyrillic(text):
        return "ru"
    votes: Counter[str] = Counter()
    if _CROATIAN_LETTERS.search(text):
        votes["hr"] += 2
    for word in WORD.findall(fold(text)):
        for language, words in STOPWORDS.items():
            if word in words:
                votes[language] += 1
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else None
