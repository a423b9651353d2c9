"""Progress of long ingests: events from the pipeline, the bar of `desk ingest`, the status file."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from assistant.cli.knowledge import ProgressBar
from assistant.db import make_engine, make_session_factory, migrate
from ingest.documents.files import FileResult
from ingest.documents.pipeline import IngestPipeline
from ingest.documents.progress import Fanout, Progress, Tally
from ingest.documents.status import IndexingStatus, StatusWriter
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client

PROGRESS = Progress(
    files_done=3, files_total=26, pages=40, chunks_done=10, chunks_total=50, seconds=5.0
)


@pytest.fixture
def pipeline(tmp_path: Path) -> IngestPipeline:
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.db'}")
    migrate(engine)
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp_path / "chroma"), embeddings=FakeEmbeddings()
    )
    sources = tmp_path / "sources"
    (sources / "procedures").mkdir(parents=True)
    for name, body in {
        "credit": "# Credit\n\n## Overdue debt\nNo order.\n\n## Limit\nAsk finance.\n",
        "islands": "# Islands\nKrk on Tuesday and Friday.\n",
    }.items():
        (sources / "procedures" / f"{name}.md").write_text(body, encoding="utf-8")
    registry = KnowledgeRegistry(
        session_factory=make_session_factory(engine), knowledge_dir=sources
    )
    return IngestPipeline(store=store, registry=registry)


def test_the_pipeline_reports_files_and_chunks_as_it_goes(pipeline: IngestPipeline) -> None:
    tally = Tally()
    pipeline.ingest([pipeline._registry.knowledge_dir], by="ana", events=tally)
    done = tally.snapshot()
    assert (done.files_done, done.files_total) == (2, 2)
    assert done.chunks_done == done.chunks_total == 3
    assert done.fraction == 1.0
    again = Tally()
    pipeline.ingest([pipeline._registry.knowledge_dir], by="ana", events=again)
    # Unchanged files embed nothing: no chunks to wait for.
    assert (again.snapshot().files_done, again.snapshot().chunks_total) == (2, 0)


def test_the_terminal_bar_shows_files_chunks_pages_and_an_eta(pipeline: IngestPipeline) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=140)
    pipeline.ingest([pipeline._registry.knowledge_dir], by="ana", events=ProgressBar(console))
    shown = screen.getvalue()
    for expected in ("files", "chunks", "2/2", "3/3", "ETA", "pages", "+ indexed"):
        assert expected in shown


def test_the_status_file_says_an_ingest_runs_while_it_runs(
    pipeline: IngestPipeline, tmp_path: Path
) -> None:
    status = IndexingStatus(tmp_path / "data" / "ingest-status.json")
    seen: list[Progress | None] = []

    class Watcher(Tally):
        def file_done(self, result: FileResult) -> None:
            seen.append(status.running())

    assert status.running() is None
    writer = StatusWriter(status)
    pipeline.ingest([pipeline._registry.knowledge_dir], by="ana", events=Fanout(writer, Watcher()))
    assert seen[0] is not None and seen[0].files_total == 2
    assert status.running() is None  # over: the desk answers again
    assert json.loads(status.path.read_text())["state"] == "done"


def test_a_status_file_left_by_a_dead_or_silent_ingest_means_no_ingest(tmp_path: Path) -> None:
    status = IndexingStatus(tmp_path / "ingest-status.json")
    status.write(PROGRESS)
    assert status.running() == PROGRESS
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    data = json.loads(status.path.read_text())
    status.path.write_text(json.dumps({**data, "pid": int(gone.stdout)}))
    assert status.running() is None  # the process died without saying so
    status.path.write_text(json.dumps({**data, "updated": time.time() - 3600}))
    assert status.running() is None  # alive but silent for an hour: not trusted
    status.path.write_text("{half a file")
    assert status.running() is None
    assert data["pid"] == os.getpid()


def test_desk_ingest_off_a_terminal_prints_plain_lines_and_json_stays_parsable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.cli import app

    migrate(make_engine(f"sqlite:///{tmp_path / 'cli.db'}"))
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("DESK_CHROMA_PATH", str(tmp_path / "data" / "chroma"))
    monkeypatch.setenv("DESK_EMBEDDINGS", "fake")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "terms.md").write_text("# Terms\nColumn C for market traders.\n", encoding="utf-8")
    (docs / "islands.md").write_text("# Islands\nKrk on Tuesday.\n", encoding="utf-8")
    plain = CliRunner().invoke(app, ["ingest", str(docs)])
    assert plain.exit_code == 0, plain.output
    assert "\x1b" not in plain.output and "ETA" not in plain.output
    assert plain.output.splitlines()[-1] == "2 files: 2 indexed; 2 chunks served."
    (docs / "terms.md").write_text("# Terms\nColumn D for hotels.\n", encoding="utf-8")
    machine = CliRunner().invoke(app, ["ingest", str(docs), "--json"])
    rows = json.loads(machine.stdout)
    assert [r["status"] for r in rows] == ["unchanged", "indexed"]
    status = json.loads((tmp_path / "data" / "ingest-status.json").read_text())
    assert (status["state"], status["progress"]["files_done"]) == ("done", 2)
