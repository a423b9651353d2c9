"""The Chroma server goes down: the live call goes on, Ask says "unavailable", nothing half-written.

A `chroma run` of this test's own (its own port and data) is stopped and started again;
the session's shared server is never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.config import Settings
from assistant.errors import KnowledgeUnavailable
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order
from assistant.services import Services, build_services
from knowledge.registry_models import KnowledgeDocument
from tests import factories as f
from tests.conftest import TODAY
from tests.knowledge.conftest import free_port, start_chroma, stop_chroma

CREDIT = b"# Credit\n\nA client over the credit limit is transferred to the manager.\n"
ISLANDS = b"# Islands\n\nDeliveries to Krk leave on Tuesdays.\n"


class Server:
    """A Chroma server that the test stops and starts on the same port and data."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = start_chroma(path, self.port)

    def stop(self) -> None:
        stop_chroma(self.process)

    def start(self) -> None:
        self.process = start_chroma(self.path, self.port)


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[Server]:
    (tmp_path / "server").mkdir()
    server = Server(tmp_path / "server")
    yield server
    server.stop()


@pytest.fixture
def desk(engine, db_url: str, chroma: Server, tmp_path: Path) -> Iterator[Services]:
    (tmp_path / "knowledge").mkdir()
    settings = Settings(
        database_url=db_url,
        chroma_url=chroma.url,
        chroma_path=tmp_path / "chroma",
        knowledge_dir=tmp_path / "knowledge",
        embeddings="fake",
    )
    built = build_services(settings, today=lambda: TODAY)
    with built.sessions.begin() as s:
        f.columns(s)
        f.client(s, "C1", manager=f.manager(s, "M1"))
        f.product(s, "P1", prices={"C": "2.00"})
    yield built
    built.engine.dispose()


def _draft(key: str) -> OrderDraft:
    return OrderDraft.from_json(
        {
            "client": "C1",
            "idempotency_key": key,
            "lines": [{"sku": "P1", "qty": 1}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Ana",
        }
    )


def _documents(desk: Services) -> int:
    with desk.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(KnowledgeDocument)) or 0)


def test_with_chroma_down_calls_go_on_asking_waits_and_publishing_is_refused(
    desk: Services, chroma: Server
) -> None:
    actor = f.acting("ana")
    desk.editor.publish(name="credit.md", data=CREDIT, actor=actor, kind="procedure")
    assert desk.answerer.answer("credit limit", actor=actor).hits
    stored = desk.knowledge_store.count()

    chroma.stop()

    card = desk.cards.card(query="C1", actor=actor)
    placed = desk.placement.place(draft=_draft("k-1"), actor=actor)
    assert card.client is not None and card.offers is not None
    with desk.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1
    assert placed.order_no

    with pytest.raises(KnowledgeUnavailable) as asked:
        desk.answerer.answer("credit limit", actor=actor)
    assert asked.value.message == "The knowledge base is unavailable; retrying."

    with pytest.raises(KnowledgeUnavailable, match="nothing can be published now"):
        desk.editor.publish(name="islands.md", data=ISLANDS, actor=actor, kind="procedure")
    assert _documents(desk) == 1
    assert not (desk.settings.knowledge_dir / "uploads" / "procedure" / "islands.md").exists()
    with pytest.raises(KnowledgeUnavailable):
        desk.editor.retire(source="uploads/procedure/credit.md", actor=actor)
    assert desk.knowledge_registry.get(source="uploads/procedure/credit.md").status == "indexed"

    chroma.start()  # the same app, the same clients: they reconnect by themselves

    assert desk.answerer.answer("credit limit", actor=actor).hits
    assert desk.knowledge_store.count() == stored
    desk.editor.publish(name="islands.md", data=ISLANDS, actor=actor, kind="procedure")
    assert _documents(desk) == 2


def test_a_desk_started_while_chroma_is_down_answers_once_it_is_up(
    desk: Services, chroma: Server
) -> None:
    chroma.stop()
    actor = f.acting("ana")

    assert desk.cards.card(query="C1", actor=actor).client is not None
    with pytest.raises(KnowledgeUnavailable):
        desk.answerer.answer("credit limit", actor=actor)

    chroma.start()
    assert desk.answerer.answer("credit limit", actor=actor).text
