"""`desk ask` in-process: the JSON contract, sources in rank order, SQL facts per client."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app, main
from assistant.config import Settings
from assistant.services import build_services
from knowledge.models import Chunk
from tests import factories as f
from tests.desk_env import desk_env

runner = CliRunner()

PASSAGES = [
    ("procedures/delivery.md", "Delivery terms", None,
     "Deliveries to the islands go on Tuesdays and Fridays by ferry. "
     "Orders for the islands close at noon the day before."),
    ("procedures/credit.md", "Credit control", None,
     "An order is accepted only if the client has no overdue receivables."),
    ("catalog.pdf", "Catalogue", 3,
     "Maslinovo ulje 1 l: cold pressed extra virgin olive oil, six bottles a carton."),
]  # fmt: skip


@pytest.fixture
def desk(db_url: str, engine, session_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A company with a marketer and olive oil, and three passages in a fresh Chroma store."""
    desk_env(monkeypatch, db_url, tmp_path)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
        f.product(
            s, "OIL", name="Maslinovo ulje 1 l", stock=Decimal(40), prices={"A": "10", "C": "9"}
        )
    services = build_services(Settings())
    services.knowledge_store.upsert(
        [
            Chunk.make(doc=doc, text=text, title=title, page=page, kind="procedure")
            for doc, title, page, text in PASSAGES
        ]
    )
    yield services
    services.engine.dispose()


def _ask(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["ask", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_ask_prints_the_answer_and_its_sources_in_rank_order_with_their_text(desk) -> None:
    code, out = _ask("When are deliveries to the islands?", "--k", "2")
    assert code == 0
    assert set(out) == {"answer", "lead", "lead_source", "sources"}
    assert len(out["sources"]) == 2
    first = out["sources"][0]
    assert set(first) == {
        "doc", "title", "page", "last_page", "chunk_id", "chunk_ids", "text", "score"
    }  # fmt: skip
    assert first["doc"] == "procedures/delivery.md" and "Tuesdays and Fridays" in first["text"]
    assert [s["score"] for s in out["sources"]] == sorted(
        (s["score"] for s in out["sources"]), reverse=True
    )
    assert "**Deliveries to the islands go on Tuesdays and Fridays by ferry.**" in out["answer"]


def test_ask_json_gives_the_lead_and_the_index_of_its_source(desk) -> None:
    code, out = _ask("Which days are deliveries to the islands?")
    assert code == 0
    assert out["lead"] == "Deliveries to the islands go on Tuesdays and Fridays by ferry."
    source = out["sources"][out["lead_source"]]
    assert source["doc"] == "procedures/delivery.md" and out["lead"] in source["text"]
    # The answer opens with the lead, quoted with its source number.
    assert out["answer"].startswith(f"> {out['lead']}\n>\n> [{out['lead_source'] + 1}]")


def test_ask_with_a_client_gives_the_price_in_that_clients_column(desk) -> None:
    code, out = _ask("What is the price of maslinovo ulje?", "--client", "M1")
    assert code == 0
    assert "9.00 per kom in column C (Obrt Kovačević's column" in out["answer"]
    assert "stock 40 kom" in out["answer"]


def test_ask_with_an_unknown_client_exits_1_with_a_message(desk) -> None:
    code, out = _ask("price of maslinovo ulje", "--client", "NOPE")
    assert code == 1
    assert out["error"] == "unknown_client" and "NOPE" in out["message"]


def test_ask_as_text_lists_the_sources_under_the_answer(desk) -> None:
    result = runner.invoke(app, ["ask", "overdue receivables", "--k", "1"])
    assert result.exit_code == 0
    assert "[1] Credit control (procedures/credit.md)" in result.stdout


def _desk(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    """Run the installed entry point (`desk = assistant.cli:main`) as a shell would."""
    monkeypatch.setattr("sys.argv", ["desk", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def test_desk_ask_with_default_flags_prints_the_answer_and_its_sources(
    desk, monkeypatch, capsys
) -> None:
    code, out, err = _desk(["ask", "When are deliveries to the islands?"], monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert "Tuesdays and Fridays" in out and "(procedures/delivery.md)" in out


def test_desk_ingest_with_default_flags_indexes_and_sums_up(
    desk, tmp_path: Path, monkeypatch, capsys
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "terms.md").write_text("# Payment terms\n\nInvoices are due in 30 days.\n")
    code, out, err = _desk(["ingest", str(docs)], monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert "1 file: 1 indexed;" in out
