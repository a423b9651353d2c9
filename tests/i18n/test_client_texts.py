"""Text files that speak to clients say their language; the desk picks one, with a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.i18n import use_language
from assistant.i18n.texts import TextFileError, choose, load_by_language


def _write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(body, encoding="utf-8")


def test_the_text_in_the_operators_language_is_chosen_without_a_notice(tmp_path: Path) -> None:
    _write(tmp_path, "phrases.hr.yaml", "language: hr\ngreeting: Dobar dan\n")
    _write(tmp_path, "phrases.en.yaml", "language: en\ngreeting: Good morning\n")
    texts = load_by_language(tmp_path, "phrases")
    with use_language("hr"):
        chosen = choose(texts)
    assert (chosen.value["greeting"], chosen.language, chosen.notice) == ("Dobar dan", "hr", None)
    with use_language("en"):
        assert choose(texts).value["greeting"] == "Good morning"


def test_a_missing_language_falls_back_to_the_other_with_a_notice_in_the_operators_words(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "phrases.en.yaml", "language: en\ngreeting: Good morning\n")
    texts = load_by_language(tmp_path, "phrases")
    with use_language("hr"):
        chosen = choose(texts)
    assert chosen.value["greeting"] == "Good morning"
    assert chosen.language == "en"
    assert chosen.notice is not None
    assert "English" in chosen.notice and "Hrvatski" in chosen.notice
    assert "Nema teksta" in chosen.notice  # the notice itself is in Croatian
    with use_language("en"):
        assert choose(texts).notice is None


def test_a_file_whose_language_key_disagrees_with_its_name_is_refused_with_the_fix(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "phrases.hr.yaml", "language: en\ngreeting: Good morning\n")
    with pytest.raises(TextFileError, match=r"phrases\.hr\.yaml.*'language: hr'"):
        load_by_language(tmp_path, "phrases")


def test_a_language_the_desk_does_not_speak_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "phrases.de.yaml", "language: de\ngreeting: Guten Tag\n")
    with pytest.raises(TextFileError, match=r"'de' is not one of the desk's"):
        load_by_language(tmp_path, "phrases")


def test_no_file_at_all_names_the_file_expected(tmp_path: Path) -> None:
    with pytest.raises(TextFileError, match=r"phrases\.hr\.yaml"):
        load_by_language(tmp_path, "phrases")


def test_broken_yaml_names_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "phrases.hr.yaml", "language: hr\ngreeting: [unclosed\n")
    with pytest.raises(TextFileError, match=r"phrases\.hr\.yaml: not valid YAML"):
        load_by_language(tmp_path, "phrases")
