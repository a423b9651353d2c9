"""Quiz questions made from the shipped procedures: each form, its passage, its language."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.training.procedure_text import contains
from assistant.training.quiz import FORMS, Question, answers, generate, language_of

PROCEDURES = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "procedures"
DOCS = {
    p.relative_to(PROCEDURES.parent).as_posix(): p.read_text(encoding="utf-8")
    for p in sorted(PROCEDURES.rglob("*"))
    if p.suffix in (".md", ".txt")
}


def _all() -> list[Question]:
    made: list[Question] = []
    for source, text in DOCS.items():
        others = [t for s, t in DOCS.items() if s != source]
        made += generate(source, text, others=others)
    return made


def _one(made: list[Question], question: str) -> Question:
    found = [q for q in made if q.question == question]
    assert len(found) == 1, [q.question for q in made]
    return found[0]


@pytest.mark.parametrize("language", ["en", "hr"])
def test_the_shipped_procedures_give_every_form_in_both_languages(language: str) -> None:
    made = [q for q in _all() if q.language == language]
    assert {q.form for q in made} == set(FORMS)


def test_every_question_cites_a_passage_of_its_own_document() -> None:
    made = _all()
    assert len(made) > 20
    for q in made:
        assert contains(DOCS[q.source], q.passage), q
        assert q.language == language_of(DOCS[q.source])
        if q.form == "step_order":
            assert sorted(q.choices) == sorted(q.answer) and q.choices != q.answer
        else:
            assert q.answer in q.choices and len(set(q.choices)) == len(q.choices) >= 3


def test_who_gets_it_is_a_gap_in_the_sentence_with_the_receiver_as_answer() -> None:
    q = _one(
        _all(),
        "Who gets it? Fill in the blank: “If the manager is absent, transfer to _____ "
        "(extension 240).”",
    )
    assert (q.source, q.answer) == ("procedures/credit-control.md", "the Finance service")
    assert q.passage == (
        "If the manager is absent, transfer to the Finance service (extension 240)."
    )
    # The wrong choices are other receivers, in the same language, never the right one reworded.
    pool = set().union(*(answers(t)["department"] for t in DOCS.values() if language_of(t) == "en"))
    assert set(q.choices) <= pool


def test_what_is_checked_before_comes_from_a_before_sentence() -> None:
    made = _all()
    en = _one(made, "What must be checked before the first line of an order?")
    assert en.answer == "the CREDIT box of the client card"
    assert en.passage.startswith("Before the first line of an order the operator looks at")
    hr = _one(made, "Što operater provjerava prije prve stavke narudžbe?")
    assert hr.answer == "dugovanje kupca na kartici kupca"
    assert hr.source == "procedures/hr/postupak-telefonske-narudzbe.md"
    assert "the CREDIT box of the client card" not in hr.choices


def test_the_order_of_steps_comes_from_a_numbered_list() -> None:
    q = _one(_all(), "Poredajte korake „Tijek narudžbe” redom.")
    assert len(q.answer) == 8
    assert q.answer[0] == "Pozdrav i identifikacija kupca"
    assert q.answer[-1] == "Ponavljanje narudžbe kupcu i potvrda"
    assert q.passage.startswith("1. Pozdrav i identifikacija kupca")


def test_generation_is_the_same_every_time() -> None:
    assert _all() == _all()


def test_a_croatian_receiver_never_gets_an_english_wrong_choice() -> None:
    for q in _all():
        if q.language == "hr" and q.form == "department":
            assert not any("the " in c for c in q.choices), q.choices
        if q.language == "en" and q.form == "department":
            assert not any(c.endswith("-u") or "voditelj" in c for c in q.choices), q.choices


def test_a_document_with_nothing_to_ask_gives_no_question() -> None:
    assert generate("procedures/x.md", "# Title\n\nPrices are secret.\n") == []
