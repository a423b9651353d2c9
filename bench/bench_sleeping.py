"""How long finding the sleeping clients takes on the large demo company (issue 12: a few
seconds over 2M history lines), and the reactivated count over a year.

Run: `python -m bench.bench_sleeping [--url URL] [--runs N]` (default: the large demo).
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from sqlalchemy import func, select

from assistant.db import make_engine, make_session_factory
from assistant.orders.models import HistoryLine
from assistant.outbound.reactivation import reactivated
from assistant.outbound.sleeping import find_sleepers
from bench.common import demo_database, report, timed_ms

TARGET_MS = 5000.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--url", default=None, help="a database with a company (default: large demo)"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    engine = make_engine(args.url or demo_database("large"))
    sessions = make_session_factory(engine)
    with sessions() as s:
        lines = s.scalar(select(func.count()).select_from(HistoryLine)) or 0
        as_of = s.scalar(select(func.max(HistoryLine.order_date))) or date.today()
    found: list[int] = []

    def sleepers() -> None:
        with sessions() as s:
            found.append(len(find_sleepers(s, as_of=as_of)))

    def woke() -> None:
        with sessions() as s:
            reactivated(s, as_of - timedelta(365), as_of)

    samples = [timed_ms(sleepers) for _ in range(args.runs)]
    print(f"{lines:,} history lines; {found[-1]} sleepers as of {as_of}")
    ok = report("find_sleepers (whole company)", samples, TARGET_MS)
    ok &= report("reactivated (a year)", [timed_ms(woke) for _ in range(args.runs)], TARGET_MS)
    engine.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
