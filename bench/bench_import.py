"""Benchmark: import 2,000,000 order-history lines into a fresh database (target <= 300 s).

Usage: python -m bench.bench_import [--lines N] [--postgres] [--keep DIR]
Generates managers, clients and products files plus an orders CSV, imports them into a
fresh SQLite file (and a fresh PostgreSQL database with --postgres), then imports the
same orders file again to time a re-import (every line an update).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from assistant.auth.rights import Actor
from assistant.db import make_engine, make_session_factory, migrate
from ingest.erp.importers import ImportReport, import_file

TARGET_SECONDS = 300
TARGET_LINES = 2_000_000
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CLIENT_TYPES = ("key", "marketer", "own_outlet", "retail", "regional", "horeca")


def say(line: str) -> None:
    """Print a figure at once, so a long run shows its progress."""
    print(line, flush=True)


def write_company(folder: Path, *, clients: int, products: int, seed: int = 7) -> None:
    """Managers, clients and products files the orders file refers to."""
    rng = random.Random(seed)
    roles, departments = ["kam", "manager", "head"], ["wholesale", "retail", "regional"]
    _write(folder / "managers.csv", ["code", "name", "role", "department", "available"],
           ([f"M{i}", f"Manager {i}", rng.choice(roles), rng.choice(departments), "true"]
            for i in range(40)))  # fmt: skip
    _write(folder / "clients.csv",
           ["code", "name", "phone", "type", "manager_code", "price_column", "credit_limit",
            "city", "regional"],
           ([f"C{i:06d}", f"Klijent {i} d.o.o.", f"01 {2000000 + i}", rng.choice(CLIENT_TYPES),
             f"M{i % 40}", "", "10000", "Zagreb", "false"] for i in range(clients)))  # fmt: skip
    _write(folder / "products.csv",
           ["sku", "name", "category", "unit", "pack_size", "new_since", "active"],
           ([f"P{i:05d}", f"Proizvod {i}", f"Kategorija {i % 40}", "pc", "1", "", "true"]
            for i in range(products)))  # fmt: skip


def write_orders(path: Path, *, lines: int, clients: int, products: int, seed: int = 7) -> None:
    """`lines` history lines in orders of 1 to 20 lines, grouped by order as ERPs export them."""
    rng = random.Random(seed)
    start = date(2025, 6, 1)

    def rows() -> Iterator[list[str]]:
        written = order = 0
        while written < lines:
            order += 1
            client = f"C{rng.randrange(clients):06d}"
            day = (start + timedelta(days=rng.randrange(540))).isoformat()
            size = min(rng.randint(1, 20), lines - written)
            for sku in rng.sample(range(products), size):
                yield [f"ORD{order:08d}", client, day, f"P{sku:05d}", str(rng.randint(1, 24)),
                       f"{rng.uniform(0.5, 80):.2f}"]  # fmt: skip
            written += size

    _write(path, ["order_no", "client_code", "date", "sku", "qty", "price"], rows())


def _write(path: Path, header: list[str], rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, migrated database; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'bench.db'}"
        yield _migrated(url)
        return
    name = f"desk_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _migrated(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrated(url: str) -> str:
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


def timed_import(url: str, kind: str, path: Path) -> tuple[ImportReport, float]:
    """Import one file and return its report and the seconds it took."""
    engine = make_engine(url)
    started = time.perf_counter()
    report = import_file(
        session_factory=make_session_factory(engine),
        kind=kind,
        path=path,
        default_country_code="385",
        known_client_types=CLIENT_TYPES,
        actor=Actor.system(),
    )
    elapsed = time.perf_counter() - started
    engine.dispose()
    if not report.ok:
        raise SystemExit(
            f"{kind}: {len(report.rejected)} rows rejected, first {report.rejected[0]}"
        )
    return report, elapsed


def run_backend(backend: str, folder: Path, orders: Path, lines: int) -> bool:
    """Import company and orders on one backend and print the figures; True if on target."""
    target = TARGET_SECONDS * lines / TARGET_LINES
    with fresh_database(backend, folder) as url:
        for kind in ("managers", "clients", "products"):
            report, seconds = timed_import(url, kind, folder / f"{kind}.csv")
            say(f"[{backend}] {kind}: {report.inserted:,} rows in {seconds:.1f} s")
        first, seconds = timed_import(url, "orders", orders)
        verdict = "OK" if seconds <= target else "MISSED"
        scaled = f", so <= {target:.0f} s for {lines:,}" if lines != TARGET_LINES else ""
        say(f"[{backend}] orders: {lines:,} lines ({first.inserted:,} inserted) in "
              f"{seconds:.1f} s = {lines / seconds:,.0f} lines/s; target <= {TARGET_SECONDS} s "
              f"for {TARGET_LINES:,} lines{scaled}: {verdict}")  # fmt: skip
        again, re_seconds = timed_import(url, "orders", orders)
        say(f"[{backend}] re-import of the same file: {again.updated:,} updated, "
              f"{again.inserted} inserted in {re_seconds:.1f} s = "
              f"{lines / re_seconds:,.0f} lines/s")  # fmt: skip
    return seconds <= target


def main(argv: list[str] | None = None) -> int:
    """Run the import benchmark; exit status 1 when a backend misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=TARGET_LINES, help="order lines to import")
    parser.add_argument("--clients", type=int, default=5_000)
    parser.add_argument("--products", type=int, default=5_000)
    parser.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-import-"))
    try:
        started = time.perf_counter()
        write_company(folder, clients=args.clients, products=args.products)
        orders = folder / "orders.csv"
        write_orders(orders, lines=args.lines, clients=args.clients, products=args.products)
        size = orders.stat().st_size / 1e6
        say(f"generated {args.lines:,} order lines ({size:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        backends = ["sqlite", "postgres"] if args.postgres else ["sqlite"]
        results = [run_backend(backend, folder, orders, args.lines) for backend in backends]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
