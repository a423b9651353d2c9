"""A scratch database for evaluations: a temporary SQLite file, never the live database."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.rights import Actor
from assistant.catalog.models import Product
from assistant.clients.models import Client
from assistant.db import make_engine, make_session_factory, migrate
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.text import fold
from ingest.erp.importers import ImportReport, import_file

# A client the orders name but no clients file describes gets this type.
DERIVED_CLIENT_TYPE = "retail"


@dataclass
class Scratch:
    """The scratch database and what importing into it rejected."""

    engine: Engine
    sessions: sessionmaker[Session]
    rejected: int = 0


@contextmanager
def scratch_database() -> Iterator[Scratch]:
    """A fresh schema in a temporary SQLite file, deleted afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="desk-eval-"))
    engine = make_engine(f"sqlite:///{folder / 'eval.db'}")
    try:
        migrate(engine)
        yield Scratch(engine, make_session_factory(engine))
    finally:
        engine.dispose()
        shutil.rmtree(folder, ignore_errors=True)


def load_company(
    scratch: Scratch,
    *,
    orders: Path,
    clients: Path | None,
    products: Path | None,
    known_client_types: Collection[str],
) -> None:
    """Import clients, products and orders; what the orders name but no file has is derived."""
    for kind, path in (("clients", clients), ("products", products)):
        if path is not None:
            _count(scratch, _import(scratch, kind, path, known_client_types))
    codes, skus = _codes_in_orders(orders)
    with scratch.sessions.begin() as session:
        _add_missing_clients(session, codes)
        _add_missing_products(session, skus)
    _count(scratch, _import(scratch, "orders", orders, known_client_types))


def _import(scratch: Scratch, kind: str, path: Path, types: Collection[str]) -> ImportReport:
    if not path.exists():
        raise DeskError(_("{path} does not exist.").format(path=path))
    return import_file(
        session_factory=scratch.sessions,
        kind=kind,
        path=path,
        default_country_code="385",
        known_client_types=types,
        actor=Actor.system(),  # a scratch database of the evaluation's own
    )


def _count(scratch: Scratch, report: ImportReport) -> None:
    scratch.rejected += len(report.rejected)


def _codes_in_orders(path: Path) -> tuple[set[str], set[str]]:
    """Client codes and SKUs the orders file names (CSV only: XLSX needs its files given)."""
    if not path.exists():
        raise DeskError(_("{path} does not exist.").format(path=path))
    codes: set[str] = set()
    skus: set[str] = set()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            codes.add((row.get("client_code") or "").strip())
            skus.add((row.get("sku") or "").strip())
    return codes - {""}, skus - {""}


def _add_missing_clients(session: Session, codes: set[str]) -> None:
    known = set(session.scalars(select(Client.code)))
    rows = [
        {"code": c, "name": c, "search_name": fold(c), "type": DERIVED_CLIENT_TYPE}
        for c in sorted(codes - known)
    ]
    if rows:
        session.execute(insert(Client), rows)


def _add_missing_products(session: Session, skus: set[str]) -> None:
    known = set(session.scalars(select(Product.sku)))
    rows = [
        {"sku": s, "name": s, "search_name": fold(s), "category": "-", "active": True}
        for s in sorted(skus - known)
    ]
    if rows:
        session.execute(insert(Product), rows)
