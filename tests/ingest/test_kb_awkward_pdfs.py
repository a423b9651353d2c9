"""The real-world awkward PDFs: every file gets a result, none crashes or hangs the batch."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from assistant.db import make_engine, make_session_factory, migrate
from ingest.documents.pipeline import IngestPipeline
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client

AWKWARD = Path(__file__).resolve().parents[3] / "shared" / "data" / "awkward-pdfs"
# Well above the 352-page book's ~5 s, and above what any other file takes on a loaded
# machine (make test runs a worker per core): this test is about content, not time.
TIME_LIMIT = 30.0
# The slow file took ~17 s elsewhere and under 10 s on a faster machine: within the limit it
# is indexed, past it refused; the refusal itself is tested with a limit it cannot meet.
SLOW = "pdfjs__bug1978317_slow-extraction.pdf"
# Text layers that come out as mojibake or a few stray glyphs: not worth retrieving.
UNREADABLE = {
    "pdfjs__TrueType_without_cmap.pdf": "almost no text",
    "pdfminer__issue-791-non-unicode-cmap.pdf": "text layer unreadable",
}
PASSWORDS = {"pypdf__libreoffice-writer-password.pdf": "openpassword"}


def _manifest() -> dict[str, str]:
    """File name -> what pypdf did with it, from MANIFEST.tsv."""
    with (AWKWARD / "MANIFEST.tsv").open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream, delimiter="\t"))
    return {row[0]: row[-1] for row in rows[1:] if row}


def _expected(name: str, observed: str) -> tuple[str, str | None]:
    """The status and a phrase of the reason each file must get."""
    if name in PASSWORDS:
        return "indexed", None
    if name in UNREADABLE:
        return "skipped", UNREADABLE[name]
    if "slow" in name:
        return "failed", f"took longer than {TIME_LIMIT:g} s"
    if 'encrypted; decrypt("")=0' in observed or "AES algorithm" in observed:
        return "failed", "encrypted"
    if "brotli" in observed.lower():
        return "indexed", None  # the desk installs brotli, which pypdf decodes the filter with
    if "EXC" in observed:
        return "failed", "broken file"
    if "chars=0 " in observed:
        return "skipped", "no text layer (a scan)"
    return "indexed", None


@pytest.fixture
def pipeline(tmp_path: Path) -> IngestPipeline:
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.db'}")
    migrate(engine)
    sessions: sessionmaker[Session] = make_session_factory(engine)
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp_path / "chroma"), embeddings=FakeEmbeddings()
    )
    registry = KnowledgeRegistry(session_factory=sessions, knowledge_dir=tmp_path / "sources")
    return IngestPipeline(store=store, registry=registry, time_limit=TIME_LIMIT)


@pytest.mark.skipif(not AWKWARD.is_dir(), reason=f"shared data absent: {AWKWARD}")
def test_every_awkward_pdf_gets_the_result_its_content_allows(pipeline: IngestPipeline) -> None:
    manifest = _manifest()
    started = time.perf_counter()
    results = pipeline.ingest([AWKWARD], by="test", passwords=PASSWORDS)
    elapsed = time.perf_counter() - started
    got = {Path(r.path).name: r for r in results}
    assert sorted(got) == sorted(manifest)
    mismatches = []
    for name, observed in manifest.items():
        status, phrase = _expected(name, observed)
        result = got[name]
        if name == SLOW and result.status == "indexed":
            continue  # fast enough here: see SLOW
        if result.status != status or (phrase and phrase not in (result.reason or "")):
            mismatches.append((name, result.status, result.reason, status, phrase))
        if status == "indexed" and result.chunks < 1:
            mismatches.append((name, "no chunks", result.chunks, status, phrase))
    assert mismatches == []
    assert got["pdfjs__freeculture_352pages.pdf"].pages == 352
    assert elapsed < 60


@pytest.mark.skipif(not AWKWARD.is_dir(), reason=f"shared data absent: {AWKWARD}")
def test_an_encrypted_pdf_opens_with_the_password_given_for_it(pipeline: IngestPipeline) -> None:
    path = AWKWARD / "pypdf__libreoffice-writer-password.pdf"
    [without] = pipeline.ingest([path], by="test")
    [with_password] = pipeline.ingest([path], by="test", passwords=PASSWORDS)
    assert (without.status, without.reason) == ("failed", "encrypted, no password")
    assert with_password.status == "indexed" and with_password.chunks >= 1


@pytest.mark.skipif(not AWKWARD.is_dir(), reason=f"shared data absent: {AWKWARD}")
def test_a_pdf_past_the_time_limit_is_refused_and_the_reader_replaced(
    pipeline: IngestPipeline,
) -> None:
    pipeline.time_limit = 0.5
    slow, after = pipeline.ingest(
        [AWKWARD / SLOW, AWKWARD / "pdfjs__freeculture_352pages.pdf"], by="test"
    )
    assert (slow.status, slow.reason) == ("failed", "took longer than 0.5 s")
    assert after.status in ("indexed", "failed")  # the batch goes on with a fresh reader
