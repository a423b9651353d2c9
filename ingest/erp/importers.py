"""Importers for real ERP exports: managers, clients, catalogue, debts and order history.

`import_file` streams a CSV or XLSX file, checks its header, turns each row into a
record (or a rejected row with its line and a fix) and upserts the records in
batches. Each batch is its own transaction: a long import never holds the write lock
for minutes (SQLite would make operators wait), and a crash mid-file leaves only
whole batches that re-importing the same file fixes, since every write is an upsert.
Each batch's audit row is written in the batch's own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.errors import ImportRefused
from assistant.i18n import _
from ingest.erp.fields import RowError
from ingest.erp.importers_base import ImportContext, KindImporter
from ingest.erp.importers_catalog import PricesImporter, ProductsImporter, SpecialsImporter
from ingest.erp.importers_discounts import DiscountsImporter
from ingest.erp.importers_history import OrdersImporter, ReceivablesImporter
from ingest.erp.importers_people import ClientsImporter, ManagersImporter
from ingest.tabular import open_table

IMPORT_KINDS = (
    "managers", "clients", "products", "prices", "specials", "discounts", "receivables", "orders",
)  # fmt: skip

# Errors a row's values cause; anything else (a lost connection) stops the import, and
# re-importing the file after the fix completes it.
ROW_ERRORS = (IntegrityError, DataError)
# Characters of a rejection reason kept: its start (the column, the value) and its end (the fix).
_REASON_LIMIT = 400

# The right each kind needs: accounts (admins) or the catalogue (editors and admins).
IMPORT_RIGHTS = {
    **dict.fromkeys(("managers", "clients", "receivables", "orders"), "import.accounts"),
    **dict.fromkeys(("products", "prices", "specials", "discounts"), "import.catalog"),
}

# Adds a batch's audit row (inserted, updated) to the batch's session before it commits.
_Note = Callable[[Session, int, int], None]

_IMPORTERS: dict[str, type[KindImporter[Any]]] = {
    "managers": ManagersImporter,
    "clients": ClientsImporter,
    "products": ProductsImporter,
    "prices": PricesImporter,
    "specials": SpecialsImporter,
    "discounts": DiscountsImporter,
    "receivables": ReceivablesImporter,
    "orders": OrdersImporter,
}


@dataclass(frozen=True)
class RejectedRow:
    """A row that was not imported: its line in the file and what to fix."""

    line: int
    reason: str

    def __post_init__(self) -> None:
        # A reason quotes the cell it refuses: a 100 kB cell must not become a 100 kB report.
        if len(self.reason) > _REASON_LIMIT:
            brief = f"{self.reason[: _REASON_LIMIT // 2]}…{self.reason[-_REASON_LIMIT // 2 :]}"
            object.__setattr__(self, "reason", brief)


@dataclass
class ImportReport:
    """What one import did: rows read, inserted, updated, and the rows rejected."""

    kind: str
    path: str
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.rejected

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape the CLI prints."""
        return {**asdict(self), "ok": self.ok}


def import_file(
    *,
    session_factory: sessionmaker[Session],
    kind: str,
    path: Path,
    default_country_code: str,
    known_client_types: Collection[str],
    actor: Actor,
) -> ImportReport:
    """Import the rows of `path` as `kind`; raises ImportRefused when the whole file is refused.

    Forbidden (and the refusal audited) unless `actor` may import this kind.
    """
    importer_class = _IMPORTERS.get(kind)
    if importer_class is None:
        raise ImportRefused(
            _("unknown import kind {kind!r}: use one of {kinds}").format(
                kind=kind, kinds=", ".join(IMPORT_KINDS)
            )
        )
    action, what = IMPORT_RIGHTS[kind], f"{kind} {path.name}"
    audit.guard(session_factory, actor, action, what)

    def note(session: Session, inserted: int, updated: int) -> None:
        after = {"kind": kind, "inserted": inserted, "updated": updated}
        audit.record(session, actor, action, what, after=after)

    context = ImportContext(default_country_code, frozenset(known_client_types))
    report = ImportReport(kind=kind, path=str(path))
    with open_table(path) as table:
        columns = check_header(table.header, importer_class, kind=kind, path=path)
        with session_factory() as session:
            importer = importer_class(session=session, context=context, present=columns)
            _import_rows(importer, _named_rows(table.rows, columns, report), report, note)
    report.rejected.sort(key=lambda rejected: rejected.line)
    return report


def check_header(
    header: list[str], importer_class: type[KindImporter[Any]], *, kind: str, path: Path
) -> list[str]:
    """The normalised column names; refuses a header with missing, unknown or repeated columns."""
    # The column names are the file's own words: they stay as they are in every language.
    expected = ", ".join(importer_class.columns)
    optional = importer_class.optional_columns
    if optional:
        expected = _("{columns} (optional: {optional})").format(
            columns=expected, optional=", ".join(optional)
        )
    names = [name.strip().lower() for name in header]
    # Spreadsheets often save empty cells after the last column: they name nothing.
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ImportRefused(
            _("{path} has no header row: its first row must name the columns {expected}").format(
                path=path, expected=expected
            )
        )
    problems = []
    if missing := [c for c in importer_class.columns if c not in names]:
        problems.append(_("missing columns: {columns}").format(columns=", ".join(missing)))
    allowed = set(importer_class.columns) | set(optional)
    if unknown := [
        n or _("(column {number} has no name)").format(number=i)
        for i, n in enumerate(names, 1)
        if n not in allowed
    ]:
        problems.append(_("unknown columns: {columns}").format(columns=", ".join(unknown)))
    if repeated := sorted({n for n in names if n and names.count(n) > 1}):
        problems.append(_("repeated columns: {columns}").format(columns=", ".join(repeated)))
    if problems:
        raise ImportRefused(
            _(
                "{path} cannot be imported as {kind}: {problems}. "
                "Expected columns: {expected}. Fix the header row and import again."
            ).format(path=path, kind=kind, problems="; ".join(problems), expected=expected)
        )
    return names


def _named_rows(
    rows: Iterator[tuple[int, list[str]]], columns: list[str], report: ImportReport
) -> Iterator[tuple[int, dict[str, str] | RejectedRow]]:
    """Each data row as {column: cell}, or a RejectedRow when it has more cells than the header."""
    width = len(columns)
    for line, cells in rows:
        report.rows_read += 1
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            yield (
                line,
                RejectedRow(
                    line,
                    _(
                        "the row has {values} values but the header names {columns} columns: "
                        "put quotes around values that contain the delimiter"
                    ).format(values=len(cells), columns=width),
                ),
            )
            continue
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        yield line, dict(zip(columns, cells, strict=False))


def _import_rows(
    importer: KindImporter[Any],
    rows: Iterator[tuple[int, dict[str, str] | RejectedRow]],
    report: ImportReport,
    note: _Note,
) -> None:
    """Parse rows into records and write them a batch at a time."""
    lines: list[int] = []
    records: list[Any] = []
    for line, row in rows:
        if isinstance(row, RejectedRow):
            report.rejected.append(row)
            continue
        try:
            records.append(importer.parse(row))
        except RowError as exc:
            report.rejected.append(RejectedRow(line, exc.reason))
            continue
        lines.append(line)
        if len(records) >= importer.batch_size:
            _write_batch(importer, lines, records, report, note)
            lines, records = [], []
    _write_batch(importer, lines, records, report, note)


def _write_batch(
    importer: KindImporter[Any],
    lines: list[int],
    records: list[Any],
    report: ImportReport,
    note: _Note,
) -> None:
    """Commit one batch; if the database refuses it, find the refused rows one by one."""
    if not records:
        return
    session = importer.session
    try:
        counts = importer.write(records)
        note(session, *counts)
        session.commit()
    except ROW_ERRORS:
        session.rollback()
        importer.prepare()
        for line, record in zip(lines, records, strict=True):
            _write_one(importer, line, record, report, note)
        return
    report.inserted += counts[0]
    report.updated += counts[1]


def _write_one(
    importer: KindImporter[Any], line: int, record: Any, report: ImportReport, note: _Note
) -> None:
    session = importer.session
    try:
        inserted, updated = importer.write([record])
        note(session, inserted, updated)
        session.commit()
    except ROW_ERRORS as exc:
        session.rollback()
        importer.prepare()
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        report.rejected.append(
            RejectedRow(
                line,
                _("the database refused this row ({detail}): correct it and import again").format(
                    detail=detail
                ),
            )
        )
        return
    report.inserted += inserted
    report.updated += updated
