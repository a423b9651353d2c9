"""Products a question names in another language, found by the meaning of their names.

"price of sunflower oil for column B" holds no word of "Suncokretovo ulje 1 l": what is
left of the question once the words about price, stock, client and column are taken
out ("sunflower oil") is embedded and compared with every product name's vector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.catalog.vectors import ProductVectors
from assistant.text import QUESTION_STOPWORDS, fold, same_stem, stems

# A price column named in the question ("column B", "stupac C", "колонка B").
_COLUMN = re.compile(
    r"\b(columns?|stupa?c\w*|kolon\w*|колонк\w*|столб\w*|цен\w* категори\w*)\s+\w\b",
    re.IGNORECASE,
)
# Words that say what is asked, not which product (folded prefixes; en, hr, ru).
_ASKING = (
    "price", "cost", "much", "many", "cijen", "kost", "stoj", "цен", "стои", "стоя", "почем",
    "stock", "store", "availab", "have", "got", "zalih", "stanj", "dostup", "imam", "nalaz",
    "налич", "остат", "склад", "есть", "client", "customer", "klijent", "kupc", "kupac",
    "клиент", "покупат", "per", "unit", "pack", "komad", "штук", "упаков", "pakir", "for",
    "za", "для", "our", "nas", "наш", "we", "mi", "мы", "list", "cjenik", "прайс",
)  # fmt: skip
# Below this cosine (multilingual-e5-small, "query:" to "passage:") a name is not named:
# measured on the demo catalogue by bench/bench_products.py.
MIN_COSINE = 0.855
# e5-small scores short texts close together: "second delivery" is 0.868 from "two-ply
# paper towels". Below this cosine a product also needs a word of one of its names in the
# question ("honey" in "wildflower honey"); questions naming no product stayed below 0.88.
SURE_COSINE = 0.9
# Names this close to the best are as good a reading of the question (sizes of one item).
MARGIN = 0.015


def asked_column(question: str, columns: Iterable[str]) -> str | None:
    """The price column the question names ("column B", "u stupcu C"), if it is a known one."""
    known = {code.upper(): code for code in columns}
    for match in _COLUMN.finditer(question):
        code = match.group(0).split()[-1].upper()
        if code in known:
            return known[code]
    return None


def product_words(question: str) -> str:
    """The question without its words about price, stock, client, column and grammar."""
    text = _COLUMN.sub(" ", question)
    kept = []
    for word in re.findall(r"[\w.,-]+", text):
        folded = fold(word).strip(".,-")
        if not folded or folded in QUESTION_STOPWORDS:
            continue
        if any(folded.startswith(prefix) for prefix in _ASKING):
            continue
        kept.append(word.strip(".,-"))
    return " ".join(kept)


def named_by_meaning(
    vectors: ProductVectors, question: str, *, limit: int
) -> list[tuple[int, float]]:
    """Products whose names mean what the question names: (id, cosine), best first."""
    topic = product_words(question)
    if not topic:
        return []
    said = stems(topic)
    near = [
        (pid, cos)
        for pid, cos in vectors.nearest(topic, limit=max(limit * 4, 10))
        if cos >= SURE_COSINE or _shares_word(vectors.names(pid), said)
    ]
    # The floor is for the best reading; the others need only be as close as it is.
    if not near or near[0][1] < MIN_COSINE:
        return []
    best = near[0][1]
    return [(pid, cos) for pid, cos in near if cos >= best - MARGIN][:limit]


def _shares_word(names: list[str], said: list[str]) -> bool:
    """Whether a word of the question (not a number) is a word of one of the names."""
    words = {s for name in names for s in stems(name) if len(s) >= 3 and not s.isdigit()}
    return any(same_stem(w, s) for w in words for s in said if len(s) >= 3 and not s.isdigit())


def ids(found: Iterable[tuple[int, float]]) -> list[int]:
    """The product ids of `named_by_meaning`'s answer, in its order."""
    return [pid for pid, _cos in found]
