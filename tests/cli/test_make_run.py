"""The commands `make run` gives the desk parse and work: the ingest it starts in the
background once failed on a removed option, and the Ask panel never got its knowledge."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.auth.rights import Actor
from assistant.config import Settings
from assistant.reopen import follow_ingest
from assistant.services import build_services

ROOT = Path(__file__).resolve().parents[2]
OPERATOR = Actor.of("ana", ["operator"])


def _run_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", text, flags=re.M)
    assert recipe, "the Makefile has no run target"
    return [line.strip() for line in recipe.group(1).splitlines()]


def _desk_args(line: str) -> list[str]:
    """The desk command of a recipe line, without redirections and the trailing '&'."""
    words = shlex.split(line.split(">")[0])
    return words[words.index("$(BIN)/desk") + 1 :]


def _make_run_ingest(db_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`make run`'s own ingest line, in its own process, over one small procedure."""
    ingest = next(line for line in _run_recipe() if "desk ingest" in line)
    args = _desk_args(ingest)
    sources = tmp_path / "sources" / "procedures"
    sources.mkdir(parents=True)
    (sources / "credit.md").write_text("# Credit\n\nOverdue debt blocks the order.\n", "utf-8")
    args = [str(tmp_path / "sources") if a == "knowledge/sources" else a for a in args]
    env = {
        "DESK_DATABASE_URL": db_url,
        "DESK_EMBEDDINGS": "fake",
        "DESK_CHROMA_PATH": str(tmp_path / "chroma"),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        [str(Path(sys.executable).parent / "desk"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_runs_background_ingest_parses_and_indexes(
    db_url: str, engine, tmp_path: Path
) -> None:
    done = _make_run_ingest(db_url, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "credit.md" in done.stdout + done.stderr


def test_the_app_opened_before_that_ingest_answers_after_it(
    db_url: str, engine, tmp_path: Path
) -> None:
    # The app starts beside the ingest and opens the store in its warm-up.
    settings = Settings(database_url=db_url, embeddings="fake", chroma_path=tmp_path / "chroma")
    desk = build_services(settings)
    desk.retriever.lexical_index()
    assert follow_ingest(desk) is False  # nothing written yet: nothing to reopen
    done = _make_run_ingest(db_url, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # The client opened before cannot read what the other process wrote...
    with pytest.raises(Exception, match="Nothing found on disk"):
        desk.answerer.answer("What blocks the order?", actor=OPERATOR)
    # ...so the first question after the ingest reopens it, as the Ask page does.
    assert follow_ingest(desk) is True
    answer = desk.answerer.answer("What blocks the order?", actor=OPERATOR)
    assert "Overdue debt blocks the order." in answer.text
    assert follow_ingest(desk) is False  # once
    desk.engine.dispose()
