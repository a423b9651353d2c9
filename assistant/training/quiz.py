"""Quiz questions made from procedure documents, extractively: no model, the same every time.

Three forms, each citing the passage it was made from:
- `department`: who gets a call or a request ("... transfer to the head of wholesale"),
  asked as a gap in the sentence;
- `check_before`: what is checked (or whom the operator consults) before a step;
- `step_order`: a numbered list's steps, to be put in order.
The wrong choices are answers of the same form found elsewhere in the documents, chosen
with a seed from the passage, so a question reads the same after every regeneration.
Questions are in the document's language (hr or en), whatever the screen's language.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.text import fold, terms
from assistant.training.procedure_text import Block, blocks, squeeze
from knowledge.language import detect_language

FORMS = ("department", "check_before", "step_order")
LANGUAGES = ("hr", "en")
SEED = 7
BLANK = "_____"
MAX_STEPS = 8
STEP_CHARS = 90

# Who gets it: a verb of passing on, then the receiver (up to the clause's end).
_TO = {
    "en": re.compile(
        r"\b(?:transfer(?:red|s)?|goes|go|forwarded|routed|passed|pass|send|sent)\b"
        r"(?:(?!\bto\b)[^.;:]){0,40}?\bto\s+(?P<who>[^,.;:()]+)",
        re.IGNORECASE,
    ),
    "hr": re.compile(
        r"\b(?:prebacuje(?:\s+se)?|ide|prosljeđuje|je\s+šalje|upućuje\s+na)\s+(?P<who>[^,.;:()]+)",
        re.IGNORECASE,
    ),
}
_WHO_ENDS = {
    "en": re.compile(r"\s+(?:the same day|every|within|if|who|as above|and (?:pass|send))\b.*$"),
    "hr": re.compile(r"\s+(?:isti dan|u roku|koji|kada|ako)\b.*$"),
}
# A receiver is a person or a department, not an e-mail address or a place.
_WHO_IS = {
    "en": re.compile(r"\b(?:manager|kam|head|departments?|service|finance|quality)\b"),
    "hr": re.compile(r"(?:kam|komercijalist|voditelj|sluzb|odjel)"),
}
# What is checked (or who is consulted), and the step it comes before.
_CHECK = {
    "en": re.compile(
        r"\b(?P<verb>looks?\s+at|check(?:s|ed)?(?:\s+against)?|verif(?:y|ies)|consults?)\s+"
        r"(?P<what>[^,.;:()]+)",
        re.IGNORECASE,
    ),
    "hr": re.compile(
        r"\b(?P<verb>provjerava|provjeri|provjera|savjetuje\s+sa?)\s+(?P<what>[^,.;:()]+)",
        re.IGNORECASE,
    ),
}
_WHAT_ENDS = {
    "en": re.compile(r"\s+(?:before|the same day|if|when|so that)\b.*$", re.IGNORECASE),
    "hr": re.compile(r"\s+(?:prije|isti dan|ako|kada)\b.*$", re.IGNORECASE),
}
_BEFORE = {
    "en": re.compile(r"\bbefore\s+(?P<step>[^,.;:()]+)", re.IGNORECASE),
    "hr": re.compile(r"\bprije\s+(?P<step>[^,.;:()]+)", re.IGNORECASE),
}
_SUBJECT = re.compile(r"\s+(?:the operator|you|operater(?:\s+se)?)\s*$", re.IGNORECASE)
_CONSULT = re.compile(r"^(?:consult|savjetuje)", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
# Words that do not tell two receivers apart ("the client's manager" is its assigned manager).
_VAGUE = frozenset({"client", "s", "kupc", "assign", "own", "releva", "u", "its", "his"})

# The questions' own words, in the document's language (not the screen's).
WORDING = {
    "department": {
        "en": "Who gets it? Fill in the blank: “{gap}”",
        "hr": "Kome ide? Dopunite: „{gap}”",
    },
    "check": {
        "en": "What must be checked before {step}?",
        "hr": "Što operater provjerava prije {step}?",
    },
    "consult": {
        "en": "Whom must the operator consult before {step}?",
        "hr": "S kim se operater savjetuje prije {step}?",
    },
    "step_order": {
        "en": "Put the steps of “{heading}” in order.",
        "hr": "Poredajte korake „{heading}” redom.",
    },
}


@dataclass(frozen=True)
class Question:
    """One question as generated: the passage it cites and the document it comes from."""

    source: str
    form: str
    question: str
    choices: tuple[str, ...]
    answer: str | tuple[str, ...]  # the right choice; for step_order the steps in order
    passage: str
    language: str


@dataclass(frozen=True)
class _Found:
    form: str
    question: str
    answer: str | tuple[str, ...]
    passage: str


def language_of(text: str) -> str:
    """hr or en: the document's language (English when there is no telling)."""
    found = detect_language(text)
    return found if found in LANGUAGES else "en"


def answers(text: str) -> dict[str, set[str]]:
    """The answers of each choice form in a document: the pool wrong choices come from."""
    language = language_of(text)
    pool: dict[str, set[str]] = {"department": set(), "check_before": set()}
    for block in blocks(text):
        for sentence in block.sentences():
            if found := _receiver(sentence, language):
                pool["department"].add(found[0])
            for clause in sentence.split(";"):
                for match in _CHECK[language].finditer(clause):
                    if what := _object(match.group("what"), language):
                        pool["check_before"].add(what)
    return pool


def generate(
    source: str,
    text: str,
    *,
    others: Iterable[str] = (),
    extra: Mapping[str, Iterable[str]] | None = None,
    seed: int = SEED,
) -> list[Question]:
    """The questions a document gives, in document order.

    Wrong choices come from this document, from `others` (other procedures' texts, those in
    the same language) and from `extra` (answers by form, e.g. editors' questions).
    """
    language = language_of(text)
    pool = answers(text)
    more: list[Mapping[str, Iterable[str]]] = [
        answers(other) for other in others if language_of(other) == language
    ]
    for answered in [*more, extra or {}]:
        for form, values in answered.items():
            pool.setdefault(form, set()).update(squeeze(v) for v in values)
    made: list[Question] = []
    seen: set[tuple[str, str]] = set()
    for found in _found(blocks(text), language):
        if (found.form, found.passage) in seen:
            continue
        seen.add((found.form, found.passage))
        rng = random.Random(f"{seed}|{source}|{found.form}|{found.passage}")
        if isinstance(found.answer, tuple):
            choices = _shuffled(found.answer, rng)
        else:
            wrong = _distractors(found.answer, pool.get(found.form, set()), rng)
            if len(wrong) < 2:
                continue  # two choices are a coin toss, not a question
            choices = tuple(rng.sample([found.answer, *wrong], k=len(wrong) + 1))
        made.append(
            Question(
                source, found.form, found.question, choices, found.answer, found.passage, language
            )
        )
    return made


def _found(doc: list[Block], language: str) -> Iterable[_Found]:
    for block in doc:
        if block.kind == "steps" and (steps := _steps(block)):
            heading = block.heading or steps[0]
            question = WORDING["step_order"][language].format(heading=heading)
            yield _Found("step_order", question, steps, block.text)
        for sentence in block.sentences():
            yield from _department(sentence, language)
            for clause in sentence.split(";"):
                yield from _check_before(clause.strip(), sentence, language)


def _receiver(sentence: str, language: str) -> tuple[str, int] | None:
    """The receiver named in a sentence and where it starts, or None."""
    match = _TO[language].search(sentence)
    if match is None:
        return None
    who = _WHO_ENDS[language].sub("", match.group("who")).strip()
    if len(who) < 3 or not _WHO_IS[language].search(fold(who)):
        return None
    return who, match.start("who")


def _department(sentence: str, language: str) -> Iterable[_Found]:
    found = _receiver(sentence, language)
    if found is None:
        return
    who, start = found
    gap = sentence[:start] + BLANK + sentence[start + len(who) :]
    yield _Found("department", WORDING["department"][language].format(gap=gap), who, sentence)


def _check_before(clause: str, sentence: str, language: str) -> Iterable[_Found]:
    check = _CHECK[language].search(clause)
    before = _BEFORE[language].search(clause)
    if check is None or before is None:
        return
    what = _object(check.group("what"), language)
    step = before.group("step")
    if before.start() < check.start():
        # "Before the first line the operator looks at ...": the step ends where the check starts.
        step = clause[before.start("step") : check.start()]
    step = _SUBJECT.sub("", step.strip()).strip()
    if not what or len(step) < 3:
        return
    wording = "consult" if _CONSULT.match(check.group("verb")) else "check"
    question = WORDING[wording][language].format(step=step)
    yield _Found("check_before", question, what, sentence)


def _object(text: str, language: str) -> str:
    what = _WHAT_ENDS[language].sub("", text).strip()
    return what if len(what) >= 3 else ""


def _steps(block: Block) -> tuple[str, ...]:
    """A numbered list's steps, each cut to its first sentence; () when not a good question."""
    if not 3 <= len(block.steps) <= MAX_STEPS:
        return ()
    short = []
    for step in block.steps:
        first = next(iter(Block("item", "", step).sentences()), step)
        first = _PARENTHESES.sub("", first).rstrip(" .")
        if len(first) > STEP_CHARS:
            first = first[:STEP_CHARS].rsplit(" ", 1)[0] + "…"
        short.append(first)
    return tuple(short) if len({fold(s) for s in short}) == len(short) else ()


def _shuffled(steps: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    order = list(steps)
    rng.shuffle(order)
    if tuple(order) == steps:  # a shuffle that changed nothing asks nothing
        order = order[1:] + order[:1]
    return tuple(order)


def _distractors(answer: str, pool: Iterable[str], rng: random.Random, k: int = 3) -> list[str]:
    """Up to `k` other answers of the same form, none the right one in other words."""
    right = _gist(answer)
    candidates = sorted({p for p in pool if (g := _gist(p)) and not (g <= right or right <= g)})
    return rng.sample(candidates, k=min(k, len(candidates)))


def _gist(answer: str) -> frozenset[str]:
    """The words that name a receiver or a thing: two answers whose gists nest say the same."""
    return frozenset(terms(answer)) - _VAGUE
