"""Check the team set-up through nginx the way operators use it: browsers that log in.

    .venv/bin/python deploy/check_team.py [URL] [BROWSERS]

Each browser (its own cookies, so its own route) opens the login page, logs in as the demo
operator, waits for the live call's Caller field (that needs Streamlit's websocket through
nginx) and opens the card of client K0001. Then it prints which app process served each
browser's websocket (from nginx's access log), fails unless each browser stayed on one
process, and prints the cards each process counted (its /api/metrics).
"""

from __future__ import annotations

import re
import sys
import urllib.request
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

TEAM = Path(__file__).resolve().parent.parent / "data" / "team"


def _operator() -> tuple[str, str]:
    for line in (TEAM / "demo-logins.txt").read_text(encoding="utf-8").splitlines():
        if line.split()[:1] == ["demo.operator"]:
            return line.split()[0], line.split()[1]
    raise SystemExit(f"No demo.operator in {TEAM / 'demo-logins.txt'}: run make team first.")


def main(url: str = "http://127.0.0.1:8080", browsers: int = 2) -> None:
    user, password = _operator()
    routes = []
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        for n in range(browsers):
            context = chromium.new_context(locale="en-GB")
            page = context.new_page()
            page.goto(url)
            expect(page.get_by_label("Username")).to_be_visible(timeout=60_000)
            page.get_by_label("Username").fill(user)
            page.get_by_label("Password", exact=True).fill(password)
            page.get_by_role("button", name="Log in", exact=True).click()
            caller = page.get_by_label("Caller").first
            expect(caller).to_be_visible(timeout=60_000)
            caller.fill("K0001")
            caller.press("Enter")
            expect(page.get_by_text("Obrt Matić").first).to_be_visible(timeout=60_000)
            cookie = next(c["value"] for c in context.cookies() if c["name"] == "desk_route")
            routes.append(cookie)
            print(f"browser {n + 1}: logged in, route {cookie}")
            context.close()
        chromium.close()
    served = defaultdict(set)
    for line in (TEAM / "nginx" / "logs" / "access.log").read_text().splitlines():
        found = re.search(r"_stcore/stream.* route=(\S+) upstream=(\S+)", line)
        if found:
            served[found.group(1)].add(found.group(2))
    for route in routes:
        print(f"route {route}: websocket served by {sorted(served[route]) or 'nobody'}")
        if len(served[route]) != 1:
            raise SystemExit(f"route {route} did not stay on one process: {served[route]}")
    for process in sorted(set().union(*(served[route] for route in routes))):
        with urllib.request.urlopen(f"http://{process}/api/metrics", timeout=10) as answer:
            page = answer.read().decode()
        cards = [line for line in page.splitlines() if line.startswith("desk_cards_total")]
        print(f"{process}: {cards}")
    print("ok: every browser logged in through nginx, each on one process")


if __name__ == "__main__":
    main(*sys.argv[1:2], *[int(a) for a in sys.argv[2:3]])
