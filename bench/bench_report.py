"""`desk report` over the large demo plus a year of 100,000 calls (issue 12 target: <= 2 s).

Run: `.venv/bin/python -m bench report` (the data is made once, about a minute).
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date
from functools import partial

from assistant.auth.rights import Actor
from assistant.config import Settings
from assistant.reports.period import ReportFilter
from assistant.services import build_services
from bench.common import report, timed_ms
from bench.report_data import OPERATORS, report_database

TARGET_MS = 2000.0
HEAD = Actor.of("bench.head", ["head"])
PERIODS = {
    "a month": ReportFilter(date(2026, 10, 1), date(2026, 10, 31)),
    "a year": ReportFilter(date(2025, 12, 1), date(2026, 11, 30)),
    "a year, one operator": ReportFilter(date(2025, 12, 1), date(2026, 11, 30), OPERATORS[3]),
    "a year, one client type": ReportFilter(
        date(2025, 12, 1), date(2026, 11, 30), client_type="marketer"
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print("== desk report over the large demo and 100,000 calls ==")
    print(f"(load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    desk = build_services(Settings(database_url=report_database()))
    start = time.perf_counter()
    ok = True
    for label, where in PERIODS.items():
        got = desk.reports.figures(where=where, actor=HEAD)  # warm-up, and the figures shown
        samples = [
            timed_ms(partial(desk.reports.figures, where=where, actor=HEAD))
            for _ in range(args.runs)
        ]
        ok = report(f"report, {label}", samples, TARGET_MS) and ok
        # SQLite runs in this process: CPU time shows the work apart from waiting for a
        # core (on a shared 2-core machine the wall time carries other jobs' load).
        cpu = time.process_time()
        desk.reports.figures(where=where, actor=HEAD)
        cpu_ms = (time.process_time() - cpu) * 1000
        print(
            f"  calls={got.calls:,} orders={got.orders['orders']:,} "
            f"offers={got.offers['made']:,} reactivated={got.reactivation['reactivated']:,}  "
            f"cpu={cpu_ms:.0f} ms"
        )
    print(f"(report bench took {time.perf_counter() - start:.0f} s)")
    desk.engine.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
