"""5 Chromium sessions at once through nginx, each working a call to a placed order."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.clients.models import Client
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.orders.models import Order
from assistant.services import Services, build_services
from bench.bench_browser import TIMEOUT_MS, _callers, work_a_call
from bench.load.faults import TEAM

CHROMIUM_ARGS = ["--headless", "--no-sandbox"]
USER, PASSWORD = "load.browser", "load browser password 1"


def _operator(desk: Services) -> tuple[str, str]:
    """A user of the browser check's own (the demo logins may belong to another set-up)."""
    with suppress(DeskError):  # made by an earlier run: same name, same password
        desk.users.add(actor=Actor.system(), name=USER, roles=["operator"], password=PASSWORD)
    return USER, PASSWORD


def _session(url: str, login: tuple[str, str], code: str, name: str, out: dict[str, Any]) -> None:
    """One browser of its own: log in, one whole call to a placed order."""
    from playwright.sync_api import expect, sync_playwright

    user, password = login
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = chromium.new_context(locale="en-GB", viewport={"width": 1500, "height": 1100})
            page = context.new_page()
            page.goto(url)
            expect(page.get_by_label("Username")).to_be_visible(timeout=TIMEOUT_MS)
            page.get_by_label("Username").fill(user)
            page.get_by_label("Password", exact=True).fill(password)
            page.get_by_role("button", name="Log in", exact=True).click()
            expect(page.get_by_label("Caller").first).to_be_visible(timeout=TIMEOUT_MS)
            samples: dict[str, list[float]] = defaultdict(list)
            work_a_call(page, code, name, samples)
            out["route"] = next(c["value"] for c in context.cookies() if c["name"] == "desk_route")
            out["ms"] = {k: round(v[0]) for k, v in samples.items() if v}
            context.close()
            chromium.close()
    except Exception as err:  # noqa: BLE001 - reported per session
        out["error"] = " ".join(f"{type(err).__name__}: {err}".split())[:200]


def check(url: str = "http://127.0.0.1:8080", sessions: int = 5) -> dict[str, Any]:
    """Run the sessions together; where each was served and whether its order is in SQL."""
    began = datetime.now(UTC).replace(tzinfo=None)
    desk = build_services(Settings())
    login = _operator(desk)
    clients = _callers(desk.settings.database_url, sessions * 3)[-sessions:]
    results: list[dict[str, Any]] = [{"client": code} for code, _name in clients]
    threads = [
        threading.Thread(target=_session, args=(url, login, code, name, results[i]))
        for i, (code, name) in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    served: dict[str, set[str]] = defaultdict(set)
    log = TEAM / "nginx" / "logs" / "access.log"
    for line in log.read_text().splitlines() if log.exists() else []:
        found = re.search(r"_stcore/stream.* route=(\S+) upstream=(\S+)", line)
        if found:
            served[found.group(1)].add(found.group(2))
    with desk.sessions() as s:
        rows = s.execute(
            select(Client.code, Order.idempotency_key)
            .join(Client, Client.id == Order.client_id)
            .where(Order.created_at >= began, Order.operator == USER)
        ).all()
    desk.engine.dispose()
    orders: dict[str, int] = defaultdict(int)
    for code, _key in rows:
        orders[code] += 1
    for result in results:
        result["upstreams"] = sorted(served.get(result.get("route", ""), set()))
        result["orders_in_sql"] = orders.get(result["client"], 0)
    return {
        "sessions": results,
        "sticky": all(len(r["upstreams"]) == 1 for r in results),
        "orders_in_sql": sum(1 for r in results if r["orders_in_sql"] == 1),
        "ok": all(len(r["upstreams"]) == 1 and r["orders_in_sql"] == 1 for r in results),
    }
