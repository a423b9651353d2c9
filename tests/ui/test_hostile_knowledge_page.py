"""Hostile text in the editors' page: a procedure's name and text are kept verbatim (or the
name refused with a reason); a hostile call script is refused by the validator and the
version in force stays."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assistant.script.loader import version_of
from tests.ui import test_knowledge_page as kb
from tests.ui import test_script_editor as cs
from tests.ui.hostile import HOSTILE, SHORT, calm, said

desk = kb.desk
empty_desk = cs.desk
__all__ = ["desk", "empty_desk"]

RETURNS = "# Returns\n\nReturns are accepted within 3 days.\n"


def _new_procedure(name: str, text: str) -> AppTest:
    at = kb._page()
    at.selectbox(key="kb_edit_doc").set_value("__new__").run()
    at.text_input(key="kb_edit_name").input(name)
    at.text_area(key="kb_edit_new_text").input(text)
    at.button(key="kb_edit_save").click().run()
    if "kb_job" in at.session_state:  # accepted: the save runs in the background
        kb._settle(at)
    return calm(at)


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_procedure_name_is_saved_under_a_plain_file_name_or_refused(
    desk, name: str
) -> None:
    at = _new_procedure(name, RETURNS)
    saved = [d for d in desk.editor.editable() if d.source != "procedures/credit-control.md"]
    if len(name) > 80:
        assert saved == []
        assert "characters long" in said(at), said(at)[:300]
        assert at.text_area(key="kb_edit_new_text").value == RETURNS  # the text is kept
        return
    (doc,) = saved
    stem = doc.source.removeprefix("procedures/").removesuffix(".md")
    assert stem and all(ch.isalnum() or ch == "-" for ch in stem), doc.source
    assert desk.editor.text_of(doc.source) == RETURNS
    assert "Returns saved as version 1." in said(at, "success")


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_procedure_text_and_title_are_kept_verbatim(desk, text: str) -> None:
    written = f"# {text[:200]}\n\n{text}\n"
    at = _new_procedure("Hostile", written)
    assert desk.editor.text_of("procedures/hostile.md") == written
    assert "saved as version 1." in said(at, "success")
    # The title from the text is listed in the documents table, as text.
    titles = at.dataframe[0].value["Title"].tolist()
    assert any(text[:40] in title for title in titles), [t[:60] for t in titles]


@pytest.mark.parametrize("text", SHORT.values(), ids=SHORT.keys())
def test_an_edited_procedure_with_hostile_text_is_a_new_version(desk, text: str) -> None:
    at = kb._page()
    area = next(a for a in at.text_area if a.key and a.key.startswith("kb_edit_text-"))
    area.input(kb.CREDIT + text + "\n")
    calm(kb._settle(at.button(key="kb_edit_save").click().run()))
    assert desk.editor.text_of("procedures/credit-control.md") == kb.CREDIT + text + "\n"
    assert "Credit control saved as version 2." in said(at, "success")


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_call_script_is_refused_and_the_one_in_force_stays(empty_desk, text: str) -> None:
    at = cs._page()
    version = version_of(cs.SHIPPED_EN)
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
