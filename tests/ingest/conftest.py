"""Helpers for importer tests: write an export file, import it, read the tables back."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.rights import Actor
from assistant.rules.loader import load_rules
from ingest.erp.importers import ImportReport, import_file

KNOWN_CLIENT_TYPES = tuple(load_rules().routing.client_types)

WriteCsv = Callable[..., Path]
Import = Callable[[str, Path], ImportReport]


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    """Write rows (header first) as a UTF-8 CSV in tmp_path and return its path."""

    def write(name: str, rows: Sequence[Sequence[Any]], *, delimiter: str = ",") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, delimiter=delimiter).writerows(rows)
        return path

    return write


@pytest.fixture
def run_import(session_factory: sessionmaker[Session]) -> Import:
    """Import one file of one kind with the desk's defaults (Croatian phones, shipped types)."""

    def run(kind: str, path: Path) -> ImportReport:
        return import_file(
            session_factory=session_factory,
            kind=kind,
            path=path,
            default_country_code="385",
            known_client_types=KNOWN_CLIENT_TYPES,
            actor=Actor.system(),
        )

    return run


@pytest.fixture
def table_rows(session_factory: sessionmaker[Session]) -> Callable[..., list[tuple[Any, ...]]]:
    """Every row of the given columns, sorted, for comparing with what a file said."""

    def read(*columns: Any) -> list[tuple[Any, ...]]:
        with session_factory() as session:
            return sorted(tuple(row) for row in session.execute(select(*columns)))

    return read
