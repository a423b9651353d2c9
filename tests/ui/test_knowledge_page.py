"""The editors' page in AppTest: preview, publish, replace, retire, edit, history."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.config import Settings
from assistant.services import build_services
from assistant.ui.session_user import ACTOR_KEY
from tests.desk_env import desk_env

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/knowledge.py"
CREDIT = "# Credit control\n\nAn order is accepted only if the client has no overdue debt.\n"
ISLANDS = (
    "# Island deliveries\n\nFerries to the islands sail on Tuesdays and Fridays; "
    "orders close at noon the day before.\n"
)


@pytest.fixture
def desk(db_url: str, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """One procedure ingested from a knowledge folder of its own (fake embeddings)."""
    sources = tmp_path / "sources"
    (sources / "procedures").mkdir(parents=True)
    (sources / "procedures" / "credit-control.md").write_text(CREDIT, encoding="utf-8")
    desk_env(monkeypatch, db_url, tmp_path, DESK_KNOWLEDGE_DIR=str(sources))
    st.cache_resource.clear()
    services = build_services(Settings())
    services.ingest_pipeline.ingest([sources], by="setup")
    yield services
    services.engine.dispose()


def _page(roles: tuple[str, ...] = ("editor",)) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[ACTOR_KEY] = Actor.of("ana", roles)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _settle(at: AppTest) -> AppTest:
    """Let the background publish finish, then rerun as the page's progress fragment would."""
    job = at.session_state.get("kb_job")
    if job is not None:
        assert job.wait(60)
    at.run()
    assert not at.exception, at.exception
    return at


def _found(services, question: str) -> set[str]:
    """Documents the desk's search returns for `question` (a fresh retriever)."""
    fresh = build_services(Settings())
    try:
        return {h.chunk.doc for h in fresh.retriever.search(question, k=5)}
    finally:
        fresh.engine.dispose()


def test_an_upload_is_previewed_then_published_and_listed(desk) -> None:
    at = _page()
    at.file_uploader(key="kb_upload-0").set_value(
        ("island-deliveries.md", ISLANDS.encode(), "text/markdown")
    ).run()
    assert not at.exception, at.exception
    preview = next(e for e in at.expander if e.label.startswith("island-deliveries.md"))
    assert "Island deliveries" in preview.label and "1 passage" in preview.label
    assert any("Ferries to the islands sail on Tuesdays" in x.value for x in at.text)
    _settle(at.button(key="kb_publish").click().run())
    assert any("Published Island deliveries (version 1" in s.value for s in at.success)
    listed = at.dataframe[0].value
    assert "Island deliveries" in set(listed["Title"])
    assert "uploads/other/island-deliveries.md" in _found(desk, "ferries islands tuesdays")


def test_an_unreadable_upload_says_why_and_is_not_offered_for_publishing(desk) -> None:
    at = _page()
    at.file_uploader(key="kb_upload-0").set_value(("scan.pdf", b"not a pdf", "application/pdf"))
    at.run()
    assert not at.exception, at.exception
    assert at.warning and "Cannot be published" in at.warning[0].value
    assert not [b for b in at.button if b.key == "kb_publish"]


def test_a_retired_document_is_gone_from_search_and_its_history_says_who(desk) -> None:
    assert "procedures/credit-control.md" in _found(desk, "overdue debt order accepted")
    at = _page()
    at.checkbox(key="kb_sure-procedures/credit-control.md").check().run()
    at.button(key="kb_retire").click().run()
    assert not at.exception, at.exception
    assert any("no longer appears in answers" in s.value for s in at.success)
    assert "procedures/credit-control.md" not in _found(desk, "overdue debt order accepted")
    history = at.dataframe[1].value
    assert list(history["What"])[:2] == ["retired", "indexed"]
    assert list(history["Who"])[:2] == ["ana", "setup"]


def test_a_procedure_edited_in_the_page_is_published_as_a_new_version(desk) -> None:
    at = _page()
    area = next(a for a in at.text_area if a.key and a.key.startswith("kb_edit_text-"))
    assert "no overdue debt" in area.value
    area.input(CREDIT + "\nA debtor is transferred to the finance service.\n")
    _settle(at.button(key="kb_edit_save").click().run())
    assert any("Credit control saved as version 2" in s.value for s in at.success)
    doc = desk.knowledge_registry.get(source="procedures/credit-control.md")
    assert doc is not None and doc.version == 2 and doc.ingested_by == "ana"
    assert "procedures/credit-control.md" in _found(desk, "debtor transferred finance service")


def test_a_document_is_replaced_by_an_uploaded_new_version(desk) -> None:
    at = _page()
    newer = CREDIT + "\nOrders above the limit need the head of sales.\n"
    at.file_uploader(key="kb_replace-procedures/credit-control.md").set_value(
        ("credit.md", newer.encode(), "text/markdown")
    ).run()
    _settle(at.button(key="kb_replace_go").click().run())
    assert any("Credit control is now version 2" in s.value for s in at.success)
    history = at.dataframe[1].value
    assert list(history["What"])[0] == "replaced"


def test_a_new_procedure_is_written_in_the_page(desk) -> None:
    at = _page()
    at.selectbox(key="kb_edit_doc").set_value("__new__").run()
    at.text_input(key="kb_edit_name").input("Returns of goods")
    at.text_area(key="kb_edit_new_text").input("# Returns\n\nReturns are accepted within 3 days.\n")
    _settle(at.button(key="kb_edit_save").click().run())
    assert desk.knowledge_registry.get(source="procedures/returns-of-goods.md") is not None


def test_a_publish_runs_in_the_background_with_a_progress_bar_and_the_page_stays_usable(
    desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.editors.knowledge import KnowledgeEditor

    release = threading.Event()
    publish = KnowledgeEditor.publish

    def slow_publish(self, **kwargs):
        assert release.wait(60)  # the ingest takes as long as the test wants
        return publish(self, **kwargs)

    monkeypatch.setattr(KnowledgeEditor, "publish", slow_publish)
    at = _page()
    at.file_uploader(key="kb_upload-0").set_value(
        ("island-deliveries.md", ISLANDS.encode(), "text/markdown")
    ).run()
    at.button(key="kb_publish").click().run()
    assert not at.exception, at.exception
    [bar] = at.get("progress")
    assert "Publishing 1 file: 0 of 1 files" in bar.proto.text
    # Meanwhile the page answers: another document's history opens, a second publish waits.
    at.selectbox(key="kb_doc").set_value("procedures/credit-control.md").run()
    assert not at.exception, at.exception
    assert at.dataframe[1].value is not None
    assert at.button(key="kb_edit_save").disabled
    release.set()
    _settle(at)
    assert any("Published Island deliveries (version 1" in s.value for s in at.success)
    assert not at.get("progress")


def test_an_editor_gets_the_change_tabs_an_operator_only_reads(desk) -> None:
    editor = _page()
    assert [t.label for t in editor.tabs] == [
        "Documents", "Upload", "Edit a procedure", "Call script"
    ]  # fmt: skip
    assert [b for b in editor.button if b.key == "kb_replace_go"]
    operator = _page(("operator",))
    assert [t.label for t in operator.tabs] == ["Documents"]
    assert not [b for b in operator.button if b.key == "kb_replace_go"]
    assert operator.dataframe  # the documents are there to read
