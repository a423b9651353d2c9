"""The Ask page and the Ask panel of the live call in AppTest: answers with their sources."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.config import Settings
from assistant.services import build_services
from knowledge.models import Chunk
from tests import factories as f
from tests.ui.steps import knowledge_desk_env, logged_in

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/assistant.py"
DELIVERY = (
    "Deliveries to the islands go on Tuesdays and Fridays by ferry. "
    "Orders for the islands close at noon the day before."
)


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A marketer M1, olive oil, and two procedures in a fresh Chroma store (fake embeddings)."""
    knowledge_desk_env(monkeypatch, db_url, tmp_path)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        f.product(s, "OIL", name="Maslinovo ulje 1 l", stock=Decimal(40), prices={"C": "9"})
    services = build_services(Settings())
    services.knowledge_store.upsert(
        [
            Chunk.make(doc="delivery.md", text=DELIVERY, title="Delivery terms", kind="procedure"),
            Chunk.make(
                doc="credit.md",
                text="An order is accepted only if the client has no overdue receivables.",
                title="Credit control",
                kind="procedure",
                page=4,
            ),
        ]
    )
    yield services
    services.engine.dispose()


def _ask_page() -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_a_question_on_the_ask_page_shows_the_answer_and_its_sources(desk) -> None:
    at = _ask_page()
    at.chat_input(key="ask_input").set_value("When are deliveries to the islands?").run()
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "**Deliveries to the islands go on Tuesdays and Fridays by ferry.**" in text
    labels = [e.label for e in at.expander]
    assert "[1] Delivery terms" in labels and "[2] Credit control, p. 4" in labels
    assert any(DELIVERY in t.value for t in at.text)


def test_the_ask_page_shows_the_lead_first_and_the_passages_folded(desk) -> None:
    at = _ask_page()
    at.chat_input(key="ask_input").set_value("When are deliveries to the islands?").run()
    assert not at.exception, at.exception
    lead = "Deliveries to the islands go on Tuesdays and Fridays by ferry."
    answer = at.chat_message[1]  # the user's question, then the assistant's answer
    assert answer.markdown[0].value.startswith(f"> {lead}")
    folded = [e for e in answer.expander if e.label == "The passages behind the answer"]
    assert folded and not folded[0].proto.expanded
    assert f"**{lead}**" in folded[0].markdown[0].value
    sources = [e for e in answer.expander if e.label.startswith("[")]
    assert sources and not any(e.proto.expanded for e in sources)


def test_the_client_code_on_the_ask_page_prices_in_its_column(desk) -> None:
    at = _ask_page()
    at.text_input(key="ask_client").input("M1").run()
    at.chat_input(key="ask_input").set_value("price of maslinovo ulje?").run()
    assert any("9.00 per kom in column C" in m.value for m in at.markdown)


def test_an_unknown_client_code_is_a_message_not_a_traceback(desk) -> None:
    at = _ask_page()
    at.text_input(key="ask_client").input("NOPE").run()
    at.chat_input(key="ask_input").set_value("price of maslinovo ulje?").run()
    assert not at.exception
    assert "No client has the code 'NOPE'" in at.error[0].value


def test_the_live_call_panel_answers_for_the_client_on_the_line(desk) -> None:
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.text_input(key="caller_query").input("M1").run()
    assert any("client M1" in c.value for c in at.caption)
    form_input = next(t for t in at.text_input if t.label == "Question")
    form_input.input("price of maslinovo ulje?")
    next(b for b in at.button if b.label == "Ask").click().run()
    assert not at.exception, at.exception
    assert any("9.00 per kom in column C (Obrt Kovačević's column" in m.value for m in at.markdown)


def _indexing(desk, state: str = "running") -> None:
    """What `desk ingest` in another process (e.g. `make run`'s first one) writes as it goes."""
    from ingest.documents.progress import Progress

    progress = Progress(
        files_done=3, files_total=26, pages=40, chunks_done=10, chunks_total=50, seconds=5.0
    )
    desk.indexing.write(progress, state=state)


def test_while_the_knowledge_base_is_indexed_the_ask_page_says_so_then_answers(desk) -> None:
    _indexing(desk)
    at = _ask_page()
    [notice] = [i.value for i in at.info]
    assert notice.startswith("The knowledge base is still being indexed: 3 of 26 files")
    assert "About 0:20 left." in notice
    assert at.chat_input(key="ask_input").proto.disabled
    _indexing(desk, state="done")
    at.run()
    assert not at.info and not at.chat_input(key="ask_input").proto.disabled
    at.chat_input(key="ask_input").set_value("When are deliveries to the islands?").run()
    assert any("Tuesdays and Fridays" in m.value for m in at.markdown)


def test_the_live_call_panel_says_the_knowledge_base_is_still_being_indexed(desk) -> None:
    _indexing(desk)
    at = logged_in(AppTest.from_file(APP, default_timeout=60)).run()
    at.text_input(key="caller_query").input("M1").run()
    assert not at.exception, at.exception
    assert any("still being indexed: 3 of 26 files" in i.value for i in at.info)
    assert not [b for b in at.button if b.label == "Ask"]
    # The folded panel says it too, so the operator need not open it to learn why.
    assert _ask_panels(at) == ["Ask the knowledge base · still being indexed…"]
    _indexing(desk, state="done")
    at.run()
    assert not any("still being indexed" in i.value for i in at.info)
    assert _ask_panels(at) == ["Ask the knowledge base"]
    assert [b for b in at.button if b.label == "Ask"]


def _ask_panels(at: AppTest) -> list[str]:
    """The folded Ask panel's title (the script's folded steps sit beside it)."""
    return [e.label for e in at.expander if e.label.startswith("Ask")]
