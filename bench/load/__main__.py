"""`python -m bench.load COMMAND`: the steps `make load` runs (bench/load/load.sh).

run --operators 25 --seconds 300 [--interval 4] [--fault pg-restart|chroma-restart|
    streamlit-kill] [--at 20]       service-level operators, reconciled -> JSON
diskfull                            the SQLite disk filled (or skipped with the reason)
callbacks-check FILE PREFIX         Locust's answers against the rows in SQL
browser [--sessions 5]              Chromium sessions through nginx
report FOLDER --label TEXT          bench/load/REPORT.md from the JSON files
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def _save(result: dict[str, Any], out: Path | None) -> int:
    text = json.dumps(result, indent=1, default=str)
    print(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--operators", type=int, default=10)
    run.add_argument("--seconds", type=float, default=300)
    run.add_argument("--interval", type=float, default=4.0, help="seconds between calls")
    run.add_argument("--processes", type=int, default=3, help="worker processes")
    run.add_argument("--fault", default="none")
    run.add_argument("--at", type=float, default=20.0, help="seconds in, for the fault")
    for name in ("diskfull", "callbacks-check", "browser", "report"):
        sub.add_parser(name)
    sub.choices["callbacks-check"].add_argument("file", type=Path)
    sub.choices["callbacks-check"].add_argument("prefix")
    sub.choices["browser"].add_argument("--sessions", type=int, default=5)
    sub.choices["browser"].add_argument("--url", default="http://127.0.0.1:8080")
    sub.choices["report"].add_argument("folder", type=Path)
    sub.choices["report"].add_argument("--label", default="")
    for name in ("run", "diskfull", "callbacks-check", "browser"):
        sub.choices[name].add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    if args.command == "run":
        from bench.load.runner import run as run_load

        result = run_load(
            operators=args.operators,
            seconds=args.seconds,
            interval=args.interval,
            processes=args.processes,
            fault=args.fault,
            at=args.at,
        )
        return _save(result, args.out)
    if args.command == "diskfull":
        from bench.load.checks import disk_full

        return _save(disk_full(), args.out)
    if args.command == "callbacks-check":
        from bench.load.checks import callbacks

        return _save(callbacks(args.file, args.prefix), args.out)
    if args.command == "browser":
        from bench.load.browser import check

        return _save(check(args.url, args.sessions), args.out)
    from bench.load.report import write

    print(f"wrote {write(args.folder, label=args.label)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
