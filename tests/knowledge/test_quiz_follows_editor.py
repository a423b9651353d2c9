"""The quizzes follow the knowledge editor: a procedure saved, changed or retired; both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.editors.knowledge import KnowledgeEditor
from assistant.training.quiz_book import QuizBook, procedures
from ingest.documents.pipeline import IngestPipeline
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client
from tests import factories as f

SHIPPED = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "procedures"
CREDIT = (SHIPPED / "credit-control.md").read_text(encoding="utf-8")
SOURCE = "procedures/credit-control.md"
FINANCE = "If the manager is absent, transfer to the Finance service (extension 240)."


@pytest.fixture
def desk(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> tuple[KnowledgeEditor, QuizBook]:
    """An editor whose changes the quiz book follows, as build_services wires them."""
    sources = tmp_path / "sources"
    (sources / "procedures").mkdir(parents=True)
    for name in ("call-routing.md", "complaints.md"):
        (sources / "procedures" / name).write_text(
            (SHIPPED / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp_path / "chroma"), embeddings=FakeEmbeddings()
    )
    registry = KnowledgeRegistry(session_factory=session_factory, knowledge_dir=sources)
    pipeline = IngestPipeline(store=store, registry=registry)
    pipeline.ingest([sources], by="test")
    book = QuizBook(session_factory=session_factory, library=lambda: procedures(registry))
    editor = KnowledgeEditor(
        registry=registry,
        pipeline=lambda: pipeline,
        sessions=session_factory,
        on_change=book.follow,
    )
    return editor, book


def test_saving_a_procedure_makes_its_questions(desk) -> None:
    editor, book = desk
    editor.save_text(source=SOURCE, text=CREDIT, actor=f.acting("ana"))
    questions = book.questions(source=SOURCE)
    assert {q.form for q in questions} == {"department", "check_before", "step_order"}
    finance = next(q for q in questions if q.passage == FINANCE)
    # Wrong choices come from the other procedures too (only three receivers are in this one).
    assert len(finance.choices) == 4


def test_a_changed_procedure_retires_what_is_gone_and_keeps_the_rest(desk) -> None:
    editor, book = desk
    editor.save_text(source=SOURCE, text=CREDIT, actor=f.acting("ana"))
    before = {q.passage: q.id for q in book.questions(source=SOURCE)}
    changed = CREDIT.replace(
        "transfer to the Finance service (extension 240).", "transfer to the head of finance."
    )
    editor.save_text(source=SOURCE, text=changed, actor=f.acting("ana"))
    after = {q.passage: q.id for q in book.questions(source=SOURCE)}
    # The sentence and the numbered list holding it are gone; each comes back as a new question.
    steps = next(p for p in before if p.startswith("1. Do not create the order"))
    assert FINANCE not in after and steps not in after
    assert (
        after["If the manager is absent, transfer to the head of finance."] not in before.values()
    )
    kept = {p: i for p, i in before.items() if p not in (FINANCE, steps)}
    assert {p: after[p] for p in kept} == kept
    retired = [q for q in book.questions(source=SOURCE, retired=True) if not q.active]
    assert sorted(q.id for q in retired) == sorted([before[FINANCE], before[steps]])


def test_a_retired_procedure_retires_its_questions(desk) -> None:
    editor, book = desk
    editor.save_text(source=SOURCE, text=CREDIT, actor=f.acting("ana"))
    made = book.questions(source=SOURCE)
    editor.retire(source=SOURCE, actor=f.acting("ana"))
    assert book.questions(source=SOURCE) == []
    assert len(book.questions(source=SOURCE, retired=True)) == len(made)


def test_generate_all_follows_every_procedure_in_the_registry(desk) -> None:
    _editor, book = desk
    done = {r.source: r for r in book.generate_all()}
    assert set(done) == {"procedures/call-routing.md", "procedures/complaints.md"}
    assert all(r.added > 0 for r in done.values())
    assert all(r.added == 0 for r in book.generate_all())
