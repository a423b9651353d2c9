"""Documents as text sections: Markdown, plain text, Word, CSV/XLSX tables (PDF in pdf.py)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.text import fold
from ingest.documents.document import LoadedDocument, Section, Unusable, title_from_name
from ingest.documents.pdf import load_pdf

MARKDOWN_SUFFIXES = (".md", ".markdown")
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
SUFFIXES = (".pdf", ".docx", ".txt", *MARKDOWN_SUFFIXES, *TABLE_SUFFIXES)

# A tag line editors type into a document: "client_types: marketer;retail".
_TAG_LINE = re.compile(
    r"^[ \t]*client[_ ]types[ \t]*:[ \t]*(.*?)[ \t]*(?:\n|\Z)", re.IGNORECASE | re.MULTILINE
)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
# Header cells (folded) that hold a product code.
_SKU_HEADERS = ("sku", "sifra", "sifra artikla", "code", "item code", "article code", "artikl")
# Tables without a SKU column are indexed a few rows at a time, each group with its header.
_ROW_GROUP = 8


def load_document(path: Path, *, password: str | None = None) -> LoadedDocument:
    """Read one file by its suffix; raise Unusable with the reason when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return load_pdf(path, password=password)
    if suffix in MARKDOWN_SUFFIXES:
        return load_markdown(path.read_text(encoding="utf-8-sig"), name=path.stem)
    if suffix == ".txt":
        return load_text(_read_text(path), name=path.stem)
    if suffix == ".docx":
        return load_docx(path)
    if suffix in TABLE_SUFFIXES:
        return load_table(path)
    raise Unusable(
        "skipped",
        _("unsupported file type {suffix}").format(suffix=suffix or _("(none)")),
    )


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows exports of Croatian text are cp1250, not UTF-8.
        return raw.decode("cp1250", errors="replace")


def parse_client_types(value: str) -> tuple[str, ...]:
    """ "marketer; retail" or "[marketer, retail]" -> ("marketer", "retail")."""
    cleaned = value.strip().strip("[]")
    return tuple(t.strip().strip("'\"") for t in re.split(r"[;,]", cleaned) if t.strip())


def take_tag_line(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without its client_types line, and the types that line named."""
    found = _TAG_LINE.search(text)
    if not found:
        return text, ()
    return _TAG_LINE.sub("", text, count=1).strip("\n"), parse_client_types(found.group(1))


def load_markdown(text: str, *, name: str) -> LoadedDocument:
    """Markdown with optional front matter (title, kind, client_types)."""
    meta: dict[str, str] = {}
    found = _FRONT_MATTER.match(text)
    if found:
        for line in found.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("'\"")
        text = text[found.end() :]
    types = parse_client_types(meta.get("client_types", ""))
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
    title = meta.get("title") or (heading.group(1) if heading else title_from_name(name))
    if not text.strip():
        raise Unusable("skipped", _("empty document"))
    return LoadedDocument(
        title=title,
        sections=(Section(text=text),),
        markdown=True,
        kind=meta.get("kind") or None,
        client_types=types,
        meta=meta,
    )


def load_text(text: str, *, name: str) -> LoadedDocument:
    """Plain text; a client_types line tags the whole document."""
    text, types = take_tag_line(text)
    if not text.strip():
        raise Unusable("skipped", _("empty document"))
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if 0 < len(first) <= 80 else title_from_name(name)
    return LoadedDocument(title=title, sections=(Section(text=text),), client_types=types)


def load_docx(path: Path) -> LoadedDocument:
    """A Word document as Markdown: Heading styles become headings, tables become rows."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a broken file
        raise Unusable(
            "failed", _("broken Word file ({error})").format(error=type(exc).__name__)
        ) from exc
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        if style == "Title" or level:
            lines.append("#" * (int(level.group(1)) if level else 1) + " " + text)
        else:
            lines.append(text)
        lines.append("")
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
        lines.append("")
    loaded = load_markdown("\n".join(lines), name=path.stem)
    title = (document.core_properties.title or "").strip()
    return _with_title(loaded, title) if title else loaded


def _with_title(doc: LoadedDocument, title: str) -> LoadedDocument:
    return LoadedDocument(
        title=title,
        sections=doc.sections,
        pages=doc.pages,
        markdown=doc.markdown,
        kind=doc.kind,
        client_types=doc.client_types,
        meta=doc.meta,
    )


def load_table(path: Path) -> LoadedDocument:
    """A catalogue or price list: one section per product row (or per small row group)."""
    from ingest.tabular import open_table

    try:
        with open_table(path) as table:
            header = [h.strip() for h in table.header]
            rows = [cells for _line, cells in table.rows]
    except DeskError as err:
        raise Unusable("failed", err.message) from err
    if not any(header) or not rows:
        raise Unusable("skipped", _("empty table (no header or no rows)"))
    folded = [fold(h) for h in header]
    sku_at = next((i for i, h in enumerate(folded) if h in _SKU_HEADERS), None)
    types_at = next(
        (i for i, h in enumerate(folded) if h in ("client types", "client_types")), None
    )
    if sku_at is None:
        sections = [
            Section(
                text="\n".join(_row_text(header, r) for r in rows[i : i + _ROW_GROUP]), whole=True
            )
            for i in range(0, len(rows), _ROW_GROUP)
        ]
    else:
        sections = [
            Section(
                text=_row_text(header, row),
                sku=_cell(row, sku_at) or None,
                client_types=parse_client_types(_cell(row, types_at))
                if types_at is not None
                else (),
                whole=True,
            )
            for row in rows
        ]
    return LoadedDocument(title=title_from_name(path.stem), sections=tuple(sections))


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _row_text(header: list[str], row: list[str]) -> str:
    # Column names stay in the text so "gluten-free pasta 5 kg" and "price C" both match it.
    pairs = [(h or f"column {i + 1}", _cell(row, i)) for i, h in enumerate(header)]
    return " | ".join(f"{h}: {v}" for h, v in pairs if v)
