"""The one text toolkit for search: folding, transliteration, stop words, a light stemmer.

Product search, client lookup and the knowledge base all normalise words here, so
"maslinovog ulja", "Maslinovo ulje" and "маслиново уље" meet on the same terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


# Serbian Cyrillic as Croatian Latin letters, with the Russian letters Serbian lacks.
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдђежзијклмнопрстћуфхцчш", "abvgdđežzijklmnoprstćufhcčš", strict=True)),
        "љ": "lj", "њ": "nj", "џ": "dž", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja",
        "щ": "šč", "ё": "e", "ь": "", "ъ": "",
    }
)  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    """Whether `text` has any Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def to_latin(text: str) -> str:
    """Cyrillic letters written in Latin ("уље" -> "ulje"); other letters stay as they are."""
    return text.lower().translate(_LATIN)


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
# A question to the knowledge base also says "tell us", "please", "do we have":
# words that name no topic and must not pick the answering sentence.
QUESTION_STOPWORDS = _ALL_STOPWORDS | frozenset(_words("tell give please us whose ima imamo imate"))
WORD = re.compile(r"\w+")
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
    words = [stem(w, mode=mode) for w in WORD.findall(folded) if w not in _ALL_STOPWORDS]
    return words + [code for code in _CODE.findall(folded) if any(ch.isdigit() for ch in code)]


def stems(text: str) -> list[str]:
    """Every folded word of `text` stemmed, stop words included ("5 kg" matters)."""
    return [stem(word) for word in WORD.findall(fold(text))]


def same_stem(one: str, other: str) -> bool:
    """Two stems of one word: equal, or one a prefix of the other of four letters or more
    ("maslin" and "maslinov" cut differently)."""
    if one == other:
        return True
    return min(len(one), len(other)) >= 4 and (one.startswith(other) or other.startswith(one))
