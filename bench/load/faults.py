"""Faults injected into a running team set-up, each by the process id the set-up recorded.

Only `make load` calls these (never `make test`): they restart the machine's PostgreSQL
and kill processes of data/team.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT

TEAM = Path(os.environ.get("TEAM_DIR", PROJECT_ROOT / "data" / "team"))
CHROMA_PORT = os.environ.get("TEAM_CHROMA_PORT", "8100")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            return int(answer.status)
    except OSError as err:
        return int(getattr(err, "code", 0) or 0)


def restart_postgresql() -> dict[str, Any]:
    """`pg_ctlcluster VERSION main restart`: every pooled connection dies under the load."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    start = time.monotonic()
    done = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "what": f"pg_ctlcluster {version} main restart",
        "exit": done.returncode,
        "output": (done.stdout + done.stderr).strip()[-300:],
        "seconds": round(time.monotonic() - start, 1),
    }


def restart_chroma(down_seconds: float = 5.0) -> dict[str, Any]:
    """KILL the Chroma server by its pid file, leave it down a while, start it again."""
    pidfile = TEAM / "chroma.pid"
    pid = int(pidfile.read_text().strip())
    os.kill(pid, signal.SIGKILL)
    time.sleep(down_seconds)
    ready_down = _status("http://127.0.0.1:8080/api/ready")
    bin_dir = PROJECT_ROOT / ".venv" / "bin"
    with (TEAM / "logs" / "chroma.log").open("ab") as log:
        server = subprocess.Popen(  # noqa: S603 - our own venv's chroma, fixed arguments
            [str(bin_dir / "chroma"), "run", "--path", str(TEAM / "chroma")]
            + ["--host", "127.0.0.1", "--port", CHROMA_PORT],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pidfile.write_text(f"{server.pid}\n")  # make team-stop stops the new one
    for _ in range(60):
        if _status(f"http://127.0.0.1:{CHROMA_PORT}/api/v2/heartbeat") == 200:
            break
        time.sleep(1)
    return {
        "what": f"chroma pid {pid} killed, down {down_seconds:g}s, restarted as pid {server.pid}",
        "ready_while_down": ready_down,
        "ready_after": _status("http://127.0.0.1:8080/api/ready"),
    }


def kill_streamlit() -> dict[str, Any]:
    """KILL the app process under a browser mid-call; the call reopens on another one."""
    from bench.load.moved import kill_under_a_browser

    return {"what": "the app process serving a browser mid-call, KILLed", **kill_under_a_browser()}


def inject(fault: str) -> dict[str, Any]:
    """Inject the named fault now; what happened, for the report."""
    actions = {
        "pg-restart": restart_postgresql,
        "chroma-restart": restart_chroma,
        "streamlit-kill": kill_streamlit,
    }
    at = time.strftime("%H:%M:%S")
    try:
        log = actions[fault]()
    except Exception as err:  # noqa: BLE001 - the run goes on; the report says it failed
        log = {"what": fault, "failed": f"{type(err).__name__}: {err}"}
    return {"at": at, **log}
