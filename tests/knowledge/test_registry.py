"""The registry through the editors' actions: documents, history, retire, publish; both backends."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.editors.knowledge import KnowledgeEditor
from assistant.errors import DeskError
from assistant.timeutil import utcnow
from ingest.documents.pipeline import IngestPipeline
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client
from tests import factories as f

CREDIT = "# Credit\n\n## Overdue debt\nNo order is created.\n"


@pytest.fixture
def kb(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> tuple[KnowledgeEditor, KnowledgeRegistry, KnowledgeStore, Path]:
    """A registry over the test database, its pipeline writing to a Chroma in tmp_path."""
    sources = tmp_path / "sources"
    (sources / "procedures").mkdir(parents=True)
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp_path / "chroma"), embeddings=FakeEmbeddings()
    )
    registry = KnowledgeRegistry(session_factory=session_factory, knowledge_dir=sources)
    pipeline = IngestPipeline(store=store, registry=registry)
    editor = KnowledgeEditor(registry=registry, pipeline=lambda: pipeline, sessions=session_factory)
    return editor, registry, store, sources


def test_publishing_edited_markdown_makes_a_new_version_with_its_history(kb) -> None:
    editor, registry, store, _ = kb
    first = editor.save_text(source="procedures/credit.md", text=CREDIT, actor=f.acting("ana"))
    second = editor.save_text(
        source="procedures/credit.md",
        text=CREDIT + "\n## Limit\nAsk finance.\n",
        actor=f.acting("ivo"),
    )
    history = registry.history(source="procedures/credit.md")
    assert (first.version, first.status, first.kind) == (1, "indexed", "procedure")
    assert (second.version, second.chunks, second.ingested_by) == (2, 2, "ivo")
    assert [(e.action, e.version, e.by) for e in history] == [
        ("edited", 1, "ana"),
        ("edited", 2, "ivo"),
    ]
    assert registry.source_text(source="procedures/credit.md").endswith("Ask finance.\n")
    assert store.count() == 2


def test_publishing_the_same_text_again_changes_nothing(kb) -> None:
    editor, registry, _, _ = kb
    editor.save_text(source="procedures/credit.md", text=CREDIT, actor=f.acting("ana"))
    again = editor.save_text(source="procedures/credit.md", text=CREDIT, actor=f.acting("ana"))
    assert again.version == 1
    assert len(registry.history(source="procedures/credit.md")) == 1


def test_retiring_a_document_removes_its_chunks_and_keeps_its_history(kb) -> None:
    editor, registry, store, _ = kb
    editor.save_text(source="procedures/credit.md", text=CREDIT, actor=f.acting("ana"))
    retired = editor.retire(
        source="procedures/credit.md", actor=f.acting("head"), reason="replaced by v2"
    )
    assert (retired.status, retired.chunks, retired.reason) == ("retired", 0, "replaced by v2")
    assert store.count() == 0
    assert [e.action for e in registry.history(source="procedures/credit.md")] == [
        "edited",
        "retired",
    ]
    assert [d.source for d in registry.list_documents(status="retired")] == ["procedures/credit.md"]


def test_documents_are_listed_by_kind_and_the_recently_changed_ones_found(kb) -> None:
    editor, registry, _, sources = kb
    (sources / "prices").mkdir()
    (sources / "prices" / "terms.md").write_text("# Terms\nColumn C.\n", encoding="utf-8")
    editor.publish(
        name="islands.md", data=b"# Islands\nKrk.\n", actor=f.acting("ana"), kind="procedure"
    )
    editor.save_text(source="procedures/credit.md", text=CREDIT, actor=f.acting("ana"))
    assert [d.source for d in registry.list_documents(kind="procedure")] == [
        "procedures/credit.md",
        "uploads/procedure/islands.md",
    ]
    since = utcnow() - timedelta(minutes=5)
    assert len(registry.changed_since(since=since)) == 2
    assert registry.changed_since(since=utcnow() + timedelta(minutes=1)) == []


def test_only_markdown_inside_the_knowledge_folder_can_be_edited(kb) -> None:
    editor, registry, _, _ = kb
    with pytest.raises(DeskError, match="not editable"):
        editor.save_text(source="../outside.md", text=CREDIT, actor=f.acting("ana"))
    with pytest.raises(DeskError, match="not editable"):
        editor.save_text(source="catalog/list.pdf", text=CREDIT, actor=f.acting("ana"))


def test_the_history_of_an_unknown_document_is_a_clear_error(kb) -> None:
    editor, registry, _, _ = kb
    with pytest.raises(DeskError, match="No document 'nope.md'"):
        registry.history(source="nope.md")
