"""Text folding for search: case and diacritics do not matter, scripts are kept."""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into base + accent.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case `text` and drop diacritics ("Čokolada Đurđa" -> "cokolada durda").

    Cyrillic and other scripts stay as they are, only lower-cased, except that
    "ё" folds to "е" as Russian writers use them interchangeably.
    """
    text = text.translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    # Keep Cyrillic й (и + breve) intact: it is a letter of its own, not an accent.
    out: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            if ch == "\u0306" and out and out[-1] in "иИ":
                out[-1] = "й" if out[-1] == "и" else "Й"
            continue
        out.append(ch)
    return " ".join("".join(out).casefold().replace("ё", "е").split())
