"""Server time of each interaction of the live call page, driven through AppTest."""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import demo_database, report

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TARGETS_MS = {"small": 200.0, "large": 500.0}


def _calls(scale: str) -> list[str]:
    """Callers to look up: demo clients by code, a third by name."""
    from sqlalchemy import select

    from assistant.clients.models import Client
    from assistant.config import Settings
    from assistant.services import build_services

    desk = build_services(Settings())
    with desk.sessions() as s:
        rows = s.execute(
            select(Client.code, Client.name)
            .where(Client.type.in_(["retail", "marketer"]))
            .order_by(Client.id)
            .limit(400)
        ).all()
    desk.engine.dispose()
    return [name.split(",")[0] if i % 3 == 0 else code for i, (code, name) in enumerate(rows)]


def _timed(samples: dict[str, list[float]], name: str, action: Callable[[], object]) -> None:
    start = time.perf_counter()
    action()
    samples[name].append((time.perf_counter() - start) * 1000)


def _new_call(at: Any) -> Any:
    """ "New call" where the operator finds it: beside a placed order, else in the caller bar."""
    keys = {button.key for button in at.button}
    if "placed_new_call" in keys:
        return at.button(key="placed_new_call")
    if "new_call" not in keys:
        at.run()  # AppTest keeps only the fragments the last action redrew
    return at.button(key="new_call")


def run(scale: str, calls: int) -> bool:
    from streamlit.testing.v1 import AppTest

    from assistant.auth.rights import Actor
    from assistant.ui.call_compliance import REASON_KEY, REASONS
    from assistant.ui.session_user import ACTOR_KEY

    os.environ["DESK_DATABASE_URL"] = demo_database(scale)
    callers = _calls(scale)[:calls]
    samples: dict[str, list[float]] = defaultdict(list)
    # One session working call after call, as an operator does. A fresh AppTest per call
    # would time AppTest's own scan of every installed package (~0.2 s), not the page.
    at = AppTest.from_file(APP, default_timeout=120)
    # Logged in as the login form leaves a session: the page is timed, not the password hash.
    at.session_state[ACTOR_KEY] = Actor.of("bench.operator", ["operator"])
    at.run()  # builds the cached services once, like a server start
    # The offers model warms up in the background after a start: time the page once it has.
    from assistant.ui.deps import services

    services().offers.preload()
    for query in callers:
        _timed(samples, "next call (New call)", _new_call(at).click().run)
        _timed(samples, "type the caller", at.text_input(key="caller_query").input(query).run)
        if not [t for t in at.text_input if t.key == "product_query"]:
            continue  # blocked or transferred: no order form
        _timed(samples, "search a product", at.text_input(key="product_query").input("secer").run)
        adds = [b for b in at.button if b.label == "Add line"]
        if adds:
            _timed(samples, "add a line", adds[0].click().run)
        chips = [b for b in at.button_group if (b.key or "").startswith(REASON_KEY)]
        if chips:  # the standard is rarely complete in a timed run: one click says why
            chips[0].set_value(REASONS[0]).run()
        _timed(samples, "place the order", at.button(key="place").click().run)
    ok = True
    print(f"== live call page, {scale} demo, {len(callers)} calls (AppTest server time) ==")
    for name, values in samples.items():
        ok = report(f"page: {name}", values, TARGETS_MS[scale]) and ok
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["small", "large", "both"], default="both")
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args(argv)
    scales = ["small", "large"] if args.scale == "both" else [args.scale]
    results = [run(scale, args.calls) for scale in scales]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
