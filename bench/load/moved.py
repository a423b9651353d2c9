"""The Streamlit-kill fault as an operator lives it: the process under their browser dies.

A Chromium session through nginx takes a call and adds a line (the draft goes to SQL). The
app process that serves this browser (found from nginx's log by the route cookie) is
KILLed. The browser reconnects through nginx to another process, the operator logs in
again and the call in the address (`?call=ID`) reopens with its line; the order is placed
and is in SQL once. The killed process is then started again with its own command line,
as a service manager would, so the runs after this one have the whole team.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from assistant.clients.models import Client
from assistant.config import Settings
from assistant.orders.models import Order
from assistant.services import build_services
from bench.bench_browser import (
    BUTTON,
    INPUT_SHOWN,
    TEXT,
    TEXT_SHOWN,
    _callers,
    _exact,
    _wait_for,
    _wait_until_idle,
)
from bench.load.browser import CHROMIUM_ARGS, _operator
from bench.load.faults import TEAM

ACCESS_LOG = TEAM / "nginx" / "logs" / "access.log"


def _upstream(route: str) -> str:
    """The process nginx sends this browser to (any logged request of its route says)."""
    lines = ACCESS_LOG.read_text().splitlines() if ACCESS_LOG.exists() else []
    for line in reversed(lines):
        # A request that failed over names every process tried: the last one answered.
        found = re.search(rf"route={re.escape(route)} upstream=(.+?) rt=", line)
        if found and found.group(1) != "-":
            return found.group(1).replace(" : ", ", ").split(", ")[-1]
    raise RuntimeError(f"nginx's log names no process for route {route}")


def _kill(port: str) -> tuple[int, list[str], dict[str, str], str]:
    """KILL the app process on `port`; what it takes to start it again."""
    pid = int((TEAM / f"app-{port}.pid").read_text().strip())
    proc = Path(f"/proc/{pid}")
    argv = [a for a in (proc / "cmdline").read_bytes().decode().split("\0") if a]
    env = dict(
        item.split("=", 1)
        for item in (proc / "environ").read_bytes().decode().split("\0")
        if "=" in item
    )
    cwd = os.readlink(proc / "cwd")
    os.kill(pid, signal.SIGKILL)
    return pid, argv, env, cwd


def _restart(port: str, argv: list[str], env: dict[str, str], cwd: str) -> int:
    with (TEAM / "logs" / f"app-{port}.log").open("ab") as log:
        server = subprocess.Popen(  # noqa: S603 - the killed process's own command line
            argv, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    (TEAM / f"app-{port}.pid").write_text(f"{server.pid}\n")  # make team-stop stops it
    return server.pid


def _log_in(page: Any, user: str, password: str) -> None:
    _wait_for(page, INPUT_SHOWN, "Username")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()


def _orders(desk: Any, code: str, user: str) -> int:
    with desk.sessions() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Order)
                .join(Client, Client.id == Order.client_id)
                .where(Client.code == code, Order.operator == user)
            )
            or 0
        )


def kill_under_a_browser(url: str = "http://127.0.0.1:8080") -> dict[str, Any]:
    """The whole check; what the operator saw at each step, for the report."""
    from playwright.sync_api import sync_playwright

    desk = build_services(Settings())
    user, password = _operator(desk)
    code, name = _callers(desk.settings.database_url, 12)[-1]
    before = _orders(desk, code, user)
    out: dict[str, Any] = {"client": code}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = chromium.new_context(locale="en-GB", viewport={"width": 1500, "height": 1100})
        tab = page.new_page()
        tab.goto(url)
        _log_in(tab, user, password)
        _wait_for(tab, INPUT_SHOWN, "Caller")
        tab.get_by_label("Caller").fill(code)
        tab.get_by_label("Caller").press("Enter")
        _wait_for(tab, TEXT_SHOWN, [TEXT, _exact(name)])
        _wait_until_idle(tab)
        tab.get_by_label("Add product").fill("secer kristal")
        tab.get_by_label("Add product").press("Enter")
        _wait_for(tab, TEXT_SHOWN, [BUTTON, "^\\s*Add line\\s*$"])
        tab.get_by_role("button", name="Add line").click()
        _wait_for(tab, TEXT_SHOWN, [TEXT, "\\b1 lines?\\b"])
        _wait_until_idle(tab)
        out["address"] = tab.url.split("?", 1)[-1]
        route = next(c["value"] for c in page.cookies() if c["name"] == "desk_route")
        port = _upstream(route).rsplit(":", 1)[1]
        pid, argv, env, cwd = _kill(port)
        killed = time.monotonic()
        out["killed"] = f"app-{port} (pid {pid}), serving this browser"
        # Streamlit's page reconnects by itself; nginx sends it to a live process, which
        # has no session for it: the login form comes back, the address keeps ?call=ID.
        _log_in(tab, user, password)
        _wait_for(tab, TEXT_SHOWN, [TEXT, "\\b1 lines?\\b"])
        out["reopened_after_s"] = round(time.monotonic() - killed, 1)
        out["reopened_with"] = "the caller's card and its 1 line"
        _wait_until_idle(tab)
        chip = tab.get_by_text("client in a hurry", exact=True)
        if chip.count():
            chip.first.click()
            _wait_until_idle(tab)
        tab.get_by_role("button", name="Place order").click()
        _wait_for(tab, TEXT_SHOWN, [TEXT, "\\bplaced\\b"])
        time.sleep(1)  # the access log line of the new websocket is written on its close
        page.close()
        chromium.close()
    out["served_after"] = _upstream(route)
    out["restarted"] = f"app-{port} as pid {_restart(port, argv, env, cwd)}"
    out["orders_in_sql"] = _orders(desk, code, user) - before
    desk.engine.dispose()
    out["ok"] = out["orders_in_sql"] == 1 and not out["served_after"].endswith(f":{port}")
    return out
