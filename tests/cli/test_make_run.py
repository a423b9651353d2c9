"""The commands `make run` gives the desk parse and work: the ingest it starts in the
background once failed on a removed option, and the Ask panel never got its knowledge."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", text, flags=re.M)
    assert recipe, "the Makefile has no run target"
    return [line.strip() for line in recipe.group(1).splitlines()]


def _desk_args(line: str) -> list[str]:
    """The desk command of a recipe line, without redirections and the trailing '&'."""
    words = shlex.split(line.split(">")[0])
    return words[words.index("$(BIN)/desk") + 1 :]


def test_make_runs_background_ingest_parses_and_indexes(
    db_url: str, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    done = subprocess.run(
        [str(Path(sys.executable).parent / "desk"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "credit.md" in done.stdout + done.stderr
