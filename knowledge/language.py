"""Search terms for inflected languages: folding, stop words, a light stemmer, language guess."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from assistant.text import fold


def _words(text: str) -> list[str]:
    return text.split()


# Function words by language (folded). They tell languages apart and carry no topic.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        _words(
            "a an the is are was were be been do does did how what which who whom when where why "
            "can could should would will shall may might must i you he she it we they me my your "
            "our their its this that these those of to in on at for from with by about as into "
            "and or not no if then than there here have has had get got any some all"
        )
    ),
    "hr": frozenset(
        _words(
            "i u na za je su se li da ne od do iz sa s o po pri kod ako kako sto koji koja koje "
            "kojeg kojem kada kad gdje tko sta ili a ali te to taj ta ovo ova ovaj biti bio bila "
            "bilo smo ste sam si mi vi oni ona ono on ja ti nas vas njih koliko treba moze mogu "
            "mora moramo li cemu cega kome kojoj kojim jos vec pa"
        )
    ),
    "ru": frozenset(
        _words(
            "и в во на за не что как где когда кто это то с со по из к у о от до для ли же бы "
            "мы вы они он она оно я ты нам вам их его ее если или а но да нет есть был была "
            "было можно нужно надо какой какая какие сколько чем при"
        )
    ),
}
_ALL_STOPWORDS = frozenset().union(*STOPWORDS.values())
_CROATIAN_LETTERS = re.compile(r"[čćžšđČĆŽŠĐ]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"\w+")
# Codes such as "BR-0001" or "T-550" also count as one term, so a code typed whole
# outranks texts that merely share its parts.
_CODE = re.compile(r"\w+(?:[-./]\w+)+")

# Inflectional endings of Croatian, Russian and English, longest first. Stripping one and
# cutting to six letters maps "maslinovog ulja" and "maslinovo ulje" to the same terms;
# bench/bench_retrieval.py measured this against plain prefixes and no stemming.
_SUFFIXES = sorted(
    set(
        # Croatian nouns, adjectives, verbs
        _words(
            "ovima evima ijama ama ima ega ega oga omu emu ama ima ih im om em og oj ov ev "
            "ati iti eti uje uju jem ju ti mo te la lo li le a e i o u"
        )
        # Russian
        + _words(
            "ами ями ого его ому ему ыми ими ах ях ов ев ой ей ий ый ая яя ое ее ые ие ую юю "
            "ом ем ам ям ть а я о е ы и у ю ь й"
        )
        # English
        + _words("ing ies ed es s ly")
    ),
    key=len,
    reverse=True,
)
_MIN_STEM = 3
PREFIX = 6


@lru_cache(maxsize=500_000)
def stem(word: str, *, mode: str = "suffix") -> str:
    """A light stem of a folded word; codes and numbers stay whole.

    Modes (measured in the bench): "suffix" strips one ending then keeps six letters,
    "prefix5"/"prefix6" only keep that many letters, "none" keeps the word.
    """
    if mode == "none" or any(ch.isdigit() for ch in word):
        return word
    if mode.startswith("prefix"):
        return word[: int(mode[6:])]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            word = word[: -len(suffix)]
            break
    return word[:PREFIX]


def terms(text: str, *, mode: str = "suffix") -> list[str]:
    """Search terms of `text`: folded, stop words out, stemmed ("Maslinovog ulja" -> two)."""
    folded = fold(text)
    words = [stem(w, mode=mode) for w in _WORD.findall(folded) if w not in _ALL_STOPWORDS]
    return words + [code for code in _CODE.findall(folded) if any(ch.isdigit() for ch in code)]


def detect_language(text: str) -> str | None:
    """ "hr", "en" or "ru" from letters and function words; None when there is no telling."""
    if _CYRILLIC.search(text):
        return "ru"
    votes: Counter[str] = Counter()
    if _CROATIAN_LETTERS.search(text):
        votes["hr"] += 2
    for word in _WORD.findall(fold(text)):
        for language, words in STOPWORDS.items():
            if word in words:
                votes[language] += 1
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2) + [("", 0)]
    return best if n > rest[0][1] else None
