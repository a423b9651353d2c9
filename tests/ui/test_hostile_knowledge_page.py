"""Hostile text in the editors' page: a procedure's name and text are kept verbatim (or the
name refused with a reason); a hostile call script is refused by the validator and the
version in force stays."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.script.loader import version_of
from tests.ui import test_knowledge_page as kb
from tests.ui import test_script_editor as cs
from tests.ui.hostile import HOSTILE, calm, said

desk = kb.desk
empty_desk = cs.desk
__all__ = ["desk", "empty_desk"]

RETURNS = "# Returns\n\nReturns are accepted within 3 days.\n"


def _save(at: AppTest) -> AppTest:
    at.button(key="kb_edit_save").click().run()
    if "kb_job" in at.session_state:  # accepted: the save runs in the background
        kb._settle(at)
    return calm(at)


def _new_procedure(at: AppTest, name: str, text: str) -> AppTest:
    at.selectbox(key="kb_edit_doc").set_value("__new__").run()
    at.text_input(key="kb_edit_name").input(name)
    at.text_area(key="kb_edit_new_text").input(text)
    return _save(at)


# The file names hostile names become (letters and digits, joined by dashes). Each save
# indexes the document (seconds): a few representative names, not every one.
FILE_NAMES = {"script": "script-alert-1-script", "control": "a-b-c"}
# Every hostile text but the NUL and the 100 kB one, in one procedure.
MIXED = " ".join(v for k, v in HOSTILE.items() if k not in ("control", "huge"))


def test_a_hostile_procedure_name_is_a_plain_file_name_or_refused_with_a_reason(desk) -> None:
    at = kb._page()
    for kind, stem in FILE_NAMES.items():
        _new_procedure(at, HOSTILE[kind], RETURNS)
        assert "Returns saved as version 1." in said(at, "success"), kind
        assert desk.editor.text_of(f"procedures/{stem}.md") == RETURNS
    # "+1" is a procedure called "1"; "-1" would be the same file: refused, not overwritten.
    _new_procedure(at, HOSTILE["plus"], RETURNS)
    _new_procedure(at, HOSTILE["minus"], RETURNS)
    assert "A procedure called '-1' exists already" in said(at), said(at)[:300]
    _new_procedure(at, HOSTILE["huge"], RETURNS)
    assert "The name is 100000 characters long: shorten it to 80." in said(at)
    assert at.text_area(key="kb_edit_new_text").value == RETURNS  # the text is kept
    assert len(desk.editor.editable()) == 1 + len(FILE_NAMES) + 1


def test_a_hostile_procedure_text_and_title_are_kept_verbatim(desk) -> None:
    at = kb._page()
    texts = (MIXED, HOSTILE["control"], HOSTILE["huge"])
    for version, text in enumerate(texts, start=2):
        written = f"# {text[:200]}\n\n{text}\n"
        area = next(a for a in at.text_area if a.key and a.key.startswith("kb_edit_text-"))
        area.input(written)
        _save(at)
        assert f"saved as version {version}." in said(at, "success"), repr(text[:40])
        assert desk.editor.text_of("procedures/credit-control.md") == written
        # The title from the text is listed in the documents table, as text.
        titles = at.dataframe[0].value["Title"].tolist()
        # The title drops a NUL (PostgreSQL refuses one in text); the document keeps it.
        shown = text[:40].replace("\x00", "")
        assert any(shown in title for title in titles), [t[:60] for t in titles]


def test_a_hostile_call_script_is_refused_and_the_one_in_force_stays(empty_desk) -> None:
    at = cs._page()
    version = version_of(cs.SHIPPED_EN)
    for text in HOSTILE.values():
        cs._box(at, version).set_value(text).run()
        calm(at.button(key="cs_save").click().run())
        assert "the script in force stays" in said(at), said(at)[:300]
        assert cs._table(at, "What is wrong")["What is wrong"].tolist()  # each error said
        assert cs._box(at, version).value == text  # the typed text is kept to fix
    assert version_of(empty_desk.scripts.text("en")) == version
    assert empty_desk.scripts.history() == []


def test_hostile_words_inside_a_valid_script_are_activated_verbatim(empty_desk) -> None:
    """A greeting with markup, a formula and SQL is only words: the valid script is kept."""
    hostile = HOSTILE["script"] + " " + HOSTILE["img"] + " =SUM(A1) '; DROP TABLE orders; --"
    at = cs._page()
    version = version_of(cs.SHIPPED_EN)
    cs._box(at, version).set_value(cs.SHIPPED_EN.replace(cs.GREETING, hostile)).run()
    calm(at.button(key="cs_save").click().run())
    assert "is now in force" in said(at, "success")
    assert hostile in empty_desk.scripts.text("en")
