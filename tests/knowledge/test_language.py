"""Search terms for inflected languages and the guess of a text's language."""

from __future__ import annotations

from assistant.text import terms
from knowledge.language import detect_language
from knowledge.lexical import codes


def test_inflected_forms_of_a_croatian_phrase_share_their_terms() -> None:
    assert terms("maslinovog ulja") == terms("Maslinovo ulje") == terms("maslinovim uljem")


def test_russian_inflections_share_their_terms() -> None:
    assert terms("оливкового масла") == terms("оливковое масло")


def test_diacritics_case_and_stop_words_do_not_matter() -> None:
    assert terms("Čokolada ŠEĆER") == terms("cokolada secer")
    assert terms("koji je rok za dostavu") == terms("rok dostave")


def test_codes_and_numbers_stay_whole() -> None:
    assert {"br-0001", "0001"} <= set(terms("BR-0001"))
    assert {"t-550", "550"} <= set(terms("Brašno T-550"))
    assert codes("koliko košta br-0001?") >= {"BR-0001"}


def test_the_language_of_a_question_is_guessed_from_function_words_and_letters() -> None:
    assert detect_language("What are the delivery terms to the islands?") == "en"
    assert detect_language("Kakvi su uvjeti dostave na otoke?") == "hr"
    assert detect_language("Koliko košta brašno") == "hr"
    assert detect_language("Какие условия доставки?") == "ru"
    assert detect_language("BR-0001") is None
