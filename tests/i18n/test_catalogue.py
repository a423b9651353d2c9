"""The catalogues hold every string the code shows, translated in both languages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from assistant.i18n import LANGUAGES, _, ngettext, use_language
from assistant.i18n.catalog import TEMPLATE, po_path
from assistant.i18n.maintain import problems

ROOT = Path(__file__).resolve().parents[2]
PYBABEL = Path(sys.executable).parent / "pybabel"


def _extract(tmp_path: Path) -> Path:
    """What `pybabel extract` finds in the code now, as make lint runs it."""
    out = tmp_path / "extracted.pot"
    subprocess.run(
        [str(PYBABEL), "-q", "extract", "-F", "babel.cfg", "--no-location", "-o", str(out), "."],
        cwd=ROOT,
        check=True,
    )
    return out


def test_the_code_and_both_catalogues_agree_message_for_message(tmp_path: Path) -> None:
    with _extract(tmp_path).open("rb") as f:
        extracted = read_po(f)
    assert len([m for m in extracted if m.id]) > 200  # the whole desk, not a sample
    assert problems(extracted) == []


def test_a_string_new_in_the_code_is_reported_until_the_catalogues_have_it(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "desk"
    shutil.copytree(ROOT / "assistant", copy / "assistant")
    shutil.copy(ROOT / "babel.cfg", copy / "babel.cfg")
    (copy / "ingest").mkdir()
    (copy / "app.py").write_text("")
    module = copy / "assistant" / "ui" / "brand_new.py"
    module.write_text('from assistant.i18n import _\n\nLABEL = _("A label nobody translated")\n')
    out = tmp_path / "x.pot"
    subprocess.run(
        [str(PYBABEL), "-q", "extract", "-F", "babel.cfg", "--no-location", "-o", str(out), "."],
        cwd=copy,
        check=True,
    )
    with out.open("rb") as f:
        found = problems(read_po(f))
    assert any("A label nobody translated" in p and "make messages" in p for p in found)
    assert any(p.startswith("hr: no entry for 'A label nobody translated'") for p in found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_keeps_its_fields(language: str) -> None:
    with po_path(language).open("rb") as f:
        catalog = read_po(f, locale=language)
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    assert {m.id for m in catalog if m.id} == {m.id for m in template if m.id}
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(_forms(m.string)))]
    assert untranslated == []


def _forms(string: object) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, tuple | list) else (str(string),)


def test_croatian_counts_take_three_forms() -> None:
    with use_language("hr"):
        # Plural rules come from the catalogue's header (CLDR): 1, 2-4, 5+ and 11-14.
        forms = {n: ngettext("{n} line", "{n} lines", n).format(n=n) for n in (1, 3, 5, 11, 21)}
    assert forms[1].split()[1] == forms[21].split()[1]
    assert forms[1].split()[1] != forms[3].split()[1] != forms[5].split()[1]
    assert forms[5].split()[1] == forms[11].split()[1]
    with use_language("en"):
        assert ngettext("{n} line", "{n} lines", 1).format(n=1) == "1 line"


def test_the_same_message_reads_in_each_language() -> None:
    with use_language("hr"):
        hr = _("Language")
    with use_language("en"):
        en = _("Language")
    assert (hr, en) == ("Jezik", "Language")
