"""The lines read to the client come from phrases.<language>.yaml, in the call's language."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.calls.say import read_back
from assistant.errors import RulesError
from assistant.i18n import use_language
from assistant.rules.phrases import DEFAULTS_DIR, FIELDS, load_phrases


def test_the_shipped_phrases_have_every_line_in_both_languages() -> None:
    phrases = load_phrases()
    assert set(phrases.by_language) == {"hr", "en"}
    for lines in phrases.by_language.values():
        assert set(lines) == set(FIELDS)
    with use_language("hr"):
        said = phrases.say("transfer", person="Ana Kovač")
    assert said.language == "hr" and said.notice is None
    assert "Ana Kovač" in said.value and "prespojiti" in said.value


def test_the_order_is_read_back_in_the_lines_own_formats() -> None:
    phrases = load_phrases()
    with use_language("hr"):
        hr = read_back(phrases, order_no="N-7", total=1234.5, delivery=date(2026, 11, 27))
    with use_language("en"):
        en = read_back(phrases, order_no="N-7", total=1234.5, delivery=date(2026, 11, 27))
    # Babel writes a no-break space before the euro sign, as Croatian typography has it.
    assert "1.234,50\xa0€" in hr.value and "27. 11. 2026." in hr.value
    assert "€1,234.50" in en.value and "27 Nov 2026" in en.value


def _copy(tmp_path: Path, only: str) -> Path:
    shutil.copy(DEFAULTS_DIR / f"phrases.{only}.yaml", tmp_path / f"phrases.{only}.yaml")
    return tmp_path


def test_with_only_english_phrases_a_croatian_operator_gets_them_with_a_notice(
    tmp_path: Path,
) -> None:
    phrases = load_phrases(_copy(tmp_path, "en"))
    with use_language("hr"):
        said = phrases.say("goodbye")
        hr_read_back = read_back(phrases, order_no="N-1", total=10, delivery=date(2026, 12, 1))
    assert said.value == "Thank you for calling, goodbye!"
    assert said.language == "en" and said.notice and "English" in said.notice
    # Read back in English, so in English formats, whatever the screen's language.
    assert "€10.00" in hr_read_back.value and hr_read_back.notice


def test_a_line_with_a_field_it_cannot_have_is_refused_naming_file_line_and_fields(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path, "hr")
    path = folder / "phrases.hr.yaml"
    path.write_text(path.read_text().replace("{person} trenutno", "{osoba} trenutno"))
    with pytest.raises(RulesError, match=r"phrases\.hr\.yaml: line 'take_message' uses osoba"):
        load_phrases(folder)


def test_a_missing_line_is_refused_with_its_name(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "en")
    path = folder / "phrases.en.yaml"
    path.write_text("\n".join(ln for ln in path.read_text().splitlines() if "goodbye" not in ln))
    with pytest.raises(RulesError, match=r"phrases\.en\.yaml: lines missing: goodbye"):
        load_phrases(folder)
