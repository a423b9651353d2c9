"""Debian's Chromium and a Streamlit server on a free port: shared by the browser test and bench."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from assistant.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
# No --disable-gpu: with it Streamlit's data grid (a canvas) draws as a blank box.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEALTH_TIMEOUT_S = 60


class ServerFailed(RuntimeError):
    """The Streamlit server exited or never answered its health check."""


def browser_problem() -> str | None:
    """None when Chromium and playwright are both here, else what is missing."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(
    script: Path | str, *, env: dict[str, str] | None = None, cwd: Path = PROJECT_ROOT
) -> Iterator[str]:
    """`streamlit run script` on a free port until the block ends; yields its URL once healthy."""
    port = free_port()
    streamlit = shutil.which("streamlit", path=str(Path(sys.executable).parent)) or "streamlit"
    # A file, not a pipe: a long bench would fill a pipe nobody reads and stall the server.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                streamlit,
                "run",
                str(script),
                "--server.address=127.0.0.1",
                f"--server.port={port}",
                "--server.headless=true",
                "--browser.gatherUsageStats=false",
            ],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_healthy(url: str, server: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    """Return once /_stcore/health answers 200; raise ServerFailed if the server dies first."""
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise ServerFailed(f"streamlit exited with {server.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise ServerFailed(f"streamlit did not answer /_stcore/health within {HEALTH_TIMEOUT_S} s")
