"""PDF text with pypdf, page by page, and a clear reason for every PDF that cannot be used."""

from __future__ import annotations

import logging
import unicodedata
import warnings
from pathlib import Path

from assistant.i18n import _, ngettext
from ingest.documents.document import LoadedDocument, Section, Unusable, title_from_name

# Fewer letters or digits than this in the whole file: nothing worth retrieving.
MIN_ALNUM = 5
# Share of control, private-use or replacement characters that marks mojibake.
MAX_GARBAGE = 0.02


def load_pdf(path: Path, *, password: str | None = None) -> LoadedDocument:
    """Every page's text (NFKC-normalised), page numbers kept; scans and mojibake refused."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    # Broken files make pypdf log hundreds of warnings; the result carries the reason instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted:
            _decrypt(reader, password)
        texts = [page.extract_text() or "" for page in reader.pages]
        title = _title(reader)
    except Unusable:
        raise
    except DependencyError as exc:
        raise Unusable("failed", _dependency_reason(str(exc), password)) from exc
    except FileNotDecryptedError as exc:
        raise Unusable("failed", _no_password(password)) from exc
    except (PdfReadError, NotImplementedError) as exc:
        raise Unusable("failed", _read_reason(exc)) from exc
    except RecursionError as exc:
        raise Unusable("failed", _("broken file: object references loop forever")) from exc
    except Exception as exc:  # noqa: BLE001 - fuzzed files raise anything; one file never stops a batch
        error = f"{type(exc).__name__}: {_first_line(exc)}"
        raise Unusable("failed", _("broken file: {error}").format(error=error)) from exc
    return _document(texts, title=title or title_from_name(path.stem))


def _decrypt(reader: object, password: str | None) -> None:
    """Try the empty password (many PDFs only restrict printing), then the one given."""
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    if reader.decrypt(""):
        return
    if password is None:
        raise Unusable("failed", _no_password(None))
    if not reader.decrypt(password):
        raise Unusable("failed", _("encrypted, the password given is wrong"))


def _no_password(password: str | None) -> str:
    if password is None:
        return _("encrypted, no password")
    return _("encrypted, the password given is wrong")


def _dependency_reason(message: str, password: str | None) -> str:
    if "AES" in message:
        # pypdf needs the optional `cryptography` package for AES; RC4 works without it.
        if password:
            return _(
                "encrypted (AES), password given: opening AES needs the 'cryptography' package"
            )
        return _("encrypted (AES), no password: opening AES needs the 'cryptography' package")
    return _("unsupported: {message}").format(message=message)


def _read_reason(exc: Exception) -> str:
    message = _first_line(exc)
    lowered = message.lower()
    if "brotli" in lowered:
        return _("unsupported filter: BrotliDecode (install 'brotli' to read it)")
    if "filter" in lowered or isinstance(exc, NotImplementedError):
        return _("unsupported filter: {message}").format(message=message)
    if "cyclic" in lowered:
        return _("broken file: the page tree refers to itself")
    return _("broken file: {error}").format(error=message)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _title(reader: object) -> str | None:
    try:
        meta = reader.metadata  # type: ignore[attr-defined]
        title = str(meta.title).strip() if meta and meta.title else ""
    except Exception:  # noqa: BLE001 - broken metadata must not cost the text
        return None
    # Exporters fill the title with junk like "untitled" or "Microsoft Word - x.doc".
    if len(title) < 3 or title.lower().startswith(("untitled", "microsoft")):
        return None
    return title[:300]


def _document(texts: list[str], *, title: str) -> LoadedDocument:
    # NFKC turns ligature glyphs (U+FB01 "fi") into letters, so search finds the words.
    pages = [unicodedata.normalize("NFKC", t) for t in texts]
    if not pages:
        raise Unusable("failed", _("broken file: no pages"))
    joined = "".join(pages)
    alnum = sum(ch.isalnum() for ch in joined)
    if alnum == 0:
        raise Unusable("skipped", _("no text layer (a scan): needs OCR"))
    garbage = sum(_is_garbage(ch) for ch in joined)
    if garbage / max(len(joined), 1) > MAX_GARBAGE:
        raise Unusable("skipped", _("text layer unreadable (fonts without a Unicode map)"))
    if alnum < MIN_ALNUM:
        raise Unusable(
            "skipped",
            ngettext(
                "almost no text ({count} letter): a drawing or a scan",
                "almost no text ({count} letters): a drawing or a scan",
                alnum,
            ).format(count=alnum),
        )
    sections = tuple(
        Section(text=text, page=number)
        for number, text in enumerate(pages, start=1)
        if text.strip()
    )
    return LoadedDocument(title=title, sections=sections, pages=len(pages))


def _is_garbage(ch: str) -> bool:
    if ch in "\n\r\t":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cs")
