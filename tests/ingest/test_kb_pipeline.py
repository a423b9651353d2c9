"""Incremental ingest: unchanged files cost no embedding, changed ones replace their chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from assistant.db import make_engine, make_session_factory, migrate
from assistant.editors.knowledge import KnowledgeEditor
from ingest.documents.files import infer_kind
from ingest.documents.pipeline import IngestPipeline, ingest_sources_if_empty
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client
from tests import factories as f


class CountingEmbeddings(Embeddings):
    """The fake model, counting every passage and every sentence it is asked to embed."""

    def __init__(self) -> None:
        self.inner = FakeEmbeddings()
        self.passages = 0
        self.sentences = 0  # kept for the answer's lead (knowledge/sentences.py)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # A passage is embedded with its title on a line of its own; a sentence is one line.
        lines = sum(1 for t in texts if "\n" not in t)
        self.passages += len(texts) - lines
        self.sentences += lines
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture
def sqlite_sessions(tmp_path: Path) -> sessionmaker[Session]:
    """A migrated SQLite file of its own (these tests are about the store, not the backend)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.db'}")
    migrate(engine)
    return make_session_factory(engine)


@pytest.fixture
def parts(tmp_path: Path, sqlite_sessions: sessionmaker[Session]):
    embeddings = CountingEmbeddings()
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp_path / "chroma"), embeddings=embeddings
    )
    sources = tmp_path / "sources"
    (sources / "procedures").mkdir(parents=True)
    registry = KnowledgeRegistry(session_factory=sqlite_sessions, knowledge_dir=sources)
    pipeline = IngestPipeline(store=store, registry=registry, time_limit=20)
    return pipeline, store, registry, embeddings, sources


def _write_procedures(sources: Path) -> None:
    (sources / "procedures" / "credit.md").write_text(
        "# Credit\n\n## Overdue debt\nNo order.\n\n## Limit\nAsk finance.\n", encoding="utf-8"
    )
    (sources / "procedures" / "islands.md").write_text(
        "# Islands\nKrk on Tuesday and Friday.\n", encoding="utf-8"
    )


def test_an_unchanged_corpus_is_skipped_without_any_embedding(parts) -> None:
    pipeline, store, _, embeddings, sources = parts
    _write_procedures(sources)
    first = pipeline.ingest([sources], by="editor")
    embedded, sentences = embeddings.passages, embeddings.sentences
    again = pipeline.ingest([sources], by="editor")
    assert [r.status for r in first] == ["indexed", "indexed"]
    assert [(r.status, r.chunks) for r in again] == [("unchanged", 2), ("unchanged", 1)]
    assert embeddings.passages == embedded == 3
    assert embeddings.sentences == sentences > 0
    assert store.count() == 3


def test_a_changed_file_replaces_exactly_its_old_chunks(parts) -> None:
    pipeline, store, registry, embeddings, sources = parts
    _write_procedures(sources)
    pipeline.ingest([sources], by="editor")
    before = registry.get(source="procedures/credit.md")
    assert before is not None
    embeddings.passages = embeddings.sentences = 0
    (sources / "procedures" / "credit.md").write_text(
        "# Credit\n\n## Overdue debt\nNo order.\n\n## Limit\nAsk the head of finance.\n",
        encoding="utf-8",
    )
    [credit, islands] = pipeline.ingest([sources], by="editor")
    after = registry.get(source="procedures/credit.md")
    assert after is not None
    assert (credit.status, credit.added, credit.removed, credit.version) == ("indexed", 1, 1, 2)
    assert islands.status == "unchanged"
    assert embeddings.passages == 1  # only the changed section
    assert embeddings.sentences == 1  # and its one sentence, "Ask the head of finance."
    assert store.sentences.count() == 2  # the removed chunk's sentence went with it
    assert len(set(before.chunk_ids) & set(after.chunk_ids)) == 1
    assert store.existing(list(before.chunk_ids)) == set(before.chunk_ids) & set(after.chunk_ids)
    assert store.count() == 3


def test_prune_retires_documents_whose_files_are_gone(parts) -> None:
    pipeline, store, registry, _, sources = parts
    _write_procedures(sources)
    pipeline.ingest([sources], by="editor")
    (sources / "procedures" / "islands.md").unlink()
    results = pipeline.ingest([sources], by="editor", prune=True)
    islands = registry.get(source="procedures/islands.md")
    assert [(r.status, r.source) for r in results][-1] == ("retired", "procedures/islands.md")
    assert islands is not None and (islands.status, islands.chunks) == ("retired", 0)
    assert [e.action for e in registry.history(source="procedures/islands.md")] == [
        "indexed",
        "retired",
    ]
    assert store.count() == 2


def test_a_retired_file_that_comes_back_is_indexed_again(parts, sqlite_sessions) -> None:
    pipeline, store, registry, _, sources = parts
    _write_procedures(sources)
    pipeline.ingest([sources], by="editor")
    KnowledgeEditor(registry=registry, pipeline=lambda: pipeline, sessions=sqlite_sessions).retire(
        source="procedures/islands.md", actor=f.acting("editor")
    )
    [_, islands] = pipeline.ingest([sources], by="editor")
    assert (islands.status, islands.version) == ("indexed", 2)
    assert store.count() == 3


def test_a_file_that_breaks_keeps_its_last_good_version_served(parts) -> None:
    pipeline, store, registry, _, sources = parts
    path = sources / "procedures" / "credit.md"
    path.write_text("# Credit\nNo order.\n", encoding="utf-8")
    pipeline.ingest([path], by="editor")
    path.write_text("", encoding="utf-8")
    [result] = pipeline.ingest([path], by="editor")
    doc = registry.get(source="procedures/credit.md")
    assert result.status == "skipped" and "version 1 still served" in (result.reason or "")
    assert doc is not None and (doc.status, doc.chunks) == ("indexed", 1)
    assert store.count() == 1


def test_the_kind_comes_from_the_folder_or_the_file_name() -> None:
    assert infer_kind(Path("knowledge/sources/catalog/list.pdf")) == "catalog"
    assert infer_kind(Path("x/Katalog_2026.pdf")) == "catalog"
    assert infer_kind(Path("x/cjenik-a-d.csv")) == "prices"
    assert infer_kind(Path("docs/procedures/hr/otoci.md")) == "procedure"
    assert infer_kind(Path("notes/misc.txt")) == "other"


def test_the_shipped_sources_are_ingested_only_when_the_registry_is_empty(parts) -> None:
    pipeline, _, registry, embeddings, sources = parts
    _write_procedures(sources)
    first = ingest_sources_if_empty(pipeline=pipeline, registry=registry)
    assert first is not None and len(first) == 2
    assert ingest_sources_if_empty(pipeline=pipeline, registry=registry) is None


def test_desk_ingest_prints_one_json_result_per_file_and_exits_1_on_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.cli import app

    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    migrate(engine)
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("DESK_CHROMA_PATH", str(tmp_path / "chroma"))
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "terms.md").write_text("# Terms\nColumn C for market traders.\n", encoding="utf-8")
    (docs / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(app, ["ingest", str(docs), "--json"])
    rows = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(r["path"].split("/")[-1], r["status"], r["chunks"]) for r in rows] == [
        ("broken.pdf", "failed", 0),
        ("terms.md", "indexed", 1),
    ]
    assert rows[0]["reason"].startswith("broken file")
    again = CliRunner().invoke(app, ["ingest", str(docs / "terms.md"), "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)[0]["status"] == "unchanged"
