"""How long the demo company takes to create, on a fresh SQLite file (issue 2 targets).

Run: `python -m bench.bench_demo [--scale small|large] [--url URL_OF_EMPTY_DB]`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.db import make_engine, make_session_factory, migrate
from assistant.demo import SCALES, create_demo

# Seconds on the 2-core reference machine.
TARGET_S = {"small": 10.0, "large": 300.0}


def run(scale: str, url: str) -> bool:
    """Create the demo at `scale` in the empty database at `url`; True when on target."""
    engine = make_engine(url)
    migrate(engine)
    start = time.perf_counter()
    summary = create_demo(session_factory=make_session_factory(engine), scale=scale)
    elapsed = time.perf_counter() - start
    engine.dispose()
    ok = elapsed <= TARGET_S[scale]
    rate = summary.history_lines / elapsed
    print(
        f"demo {scale:<6} {elapsed:7.1f} s  ({rate:,.0f} history lines/s)   "
        f"target <= {TARGET_S[scale]:g} s  {'OK' if ok else 'MISSED'}"
    )
    print(f"  {summary.as_dict()}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=list(SCALES), default=None)
    parser.add_argument("--url", default=None, help="an EMPTY database; a temp SQLite file if not")
    args = parser.parse_args(argv)
    if args.url and not args.scale:
        parser.error("--url needs --scale: one empty database holds one demo")
    scales = [args.scale] if args.scale else list(SCALES)
    ok = True
    for scale in scales:
        if args.url:
            ok &= run(scale, args.url)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            ok &= run(scale, f"sqlite:///{Path(tmp) / f'demo-{scale}.db'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
