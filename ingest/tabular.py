"""Rows of a CSV or XLSX export as a stream of text cells, with their line numbers."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO, cast

from assistant.errors import ImportRefused
from assistant.i18n import _

XLSX_SUFFIXES = (".xlsx", ".xlsm")
_DELIMITERS = (",", ";", "\t")
_CHUNK = 1 << 20


@dataclass
class Table:
    """The header of a file and a lazy stream of (line number, cells) for its data rows."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]


@contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """Open a CSV (optionally .gz) or XLSX file; refuse it whole when it cannot be read."""
    if not path.is_file():
        raise ImportRefused(
            _("{path} does not exist or is not a file: check the path").format(path=path)
        )
    if path.suffix.lower() in XLSX_SUFFIXES:
        with _xlsx_table(path) as table:
            yield table
    else:
        with _csv_table(path) as table:
            yield table


def _open_bytes(path: Path) -> BinaryIO:
    try:
        if path.suffix.lower() == ".gz":
            return cast(BinaryIO, gzip.open(path, "rb"))
        return path.open("rb")
    except OSError as exc:
        raise ImportRefused(
            _("{path} cannot be read ({error}): check its permissions").format(
                path=path, error=exc.strerror
            )
        ) from exc


def _check_utf8(path: Path) -> None:
    """Refuse a file that is not UTF-8 before anything is written, naming the first bad line."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines_before = 0
    try:
        with _open_bytes(path) as raw:
            while chunk := raw.read(_CHUNK):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    line = lines_before + chunk.count(b"\n", 0, max(exc.start, 0)) + 1
                    raise ImportRefused(
                        _(
                            "{path} is not UTF-8 text (first bad byte on line {line}): "
                            "save it as 'CSV UTF-8' and import it again"
                        ).format(path=path, line=line)
                    ) from exc
                lines_before += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except (OSError, EOFError) as exc:
        raise ImportRefused(
            _("{path} cannot be read ({error}): export it again").format(path=path, error=exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            _(
                "{path} is not UTF-8 text (it ends inside a character): save it as 'CSV UTF-8'"
            ).format(path=path)
        ) from exc


def _sniff_delimiter(header_line: str) -> str:
    """The delimiter the header uses most: Excel in Croatian locales writes ';'."""
    return max(_DELIMITERS, key=header_line.count)


@contextmanager
def _csv_table(path: Path) -> Iterator[Table]:
    _check_utf8(path)
    raw = _open_bytes(path)
    # utf-8-sig drops the byte-order mark Excel puts at the start of "CSV UTF-8" files.
    with io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as stream:
        first = stream.readline()
        delimiter = _sniff_delimiter(first)
        reader = csv.reader(_chain_first(first, stream), delimiter=delimiter)
        header = next(reader, [])
        yield Table(header=header, rows=_csv_rows(reader))


def _chain_first(first: str, rest: Any) -> Iterator[str]:
    yield first
    yield from rest


def _csv_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Data rows numbered by the file line they start on; blank lines are skipped."""
    start = reader.line_num + 1
    try:
        for cells in reader:
            if "".join(cells).strip():
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(
            _(
                "line {line} cannot be read as CSV ({error}): check its quotes and export it again"
            ).format(line=start, error=exc)
        ) from exc


@contextmanager
def _xlsx_table(path: Path) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a broken file
        raise ImportRefused(
            _(
                "{path} cannot be read as an Excel workbook ({error}): "
                "save it again as .xlsx or export CSV UTF-8"
            ).format(path=path, error=type(exc).__name__)
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [_cell_text(cell) for cell in next(values, ())]
        yield Table(header=header, rows=_xlsx_rows(values, len(header)))
    finally:
        workbook.close()


def _xlsx_rows(values: Iterator[tuple[Any, ...]], width: int) -> Iterator[tuple[int, list[str]]]:
    for line, row in enumerate(values, start=2):
        cells = [_cell_text(cell) for cell in row]
        if any(cells):
            # Read-only sheets drop trailing empty cells: pad back to the header's width.
            yield line, cells + [""] * (width - len(cells))


def _cell_text(cell: Any) -> str:
    """A spreadsheet value as the text a CSV export would hold."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time(0) else cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        # A code typed as a number (sku 1001) must not become "1001.0".
        return str(int(cell))
    return str(cell).strip()
