"""Documents into chunks with LangChain's splitters; chunk ids derived from their content."""

from __future__ import annotations

from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from ingest.documents.document import LoadedDocument, Section
from ingest.documents.loaders import take_tag_line
from knowledge.models import Chunk, chunk_id

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 150
_HEADINGS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", ". ", "; ", " ", ""],
    )


def split_document(
    doc: LoadedDocument, *, source: str, kind: str, version: int = 1, file_name: str = ""
) -> list[Chunk]:
    """The chunks of one document, in reading order, without duplicates."""
    splitter = _splitter()
    chunks: dict[str, Chunk] = {}
    for section in doc.sections:
        for text, heading, types in _pieces(section, doc, splitter):
            chunk = _chunk(
                source=source,
                text=text,
                title=doc.title,
                kind=kind,
                page=section.page,
                heading=heading,
                sku=section.sku,
                client_types=types,
                version=version,
                file_name=file_name,
            )
            chunks.setdefault(chunk.id, chunk)
    return list(chunks.values())


def _pieces(
    section: Section, doc: LoadedDocument, splitter: RecursiveCharacterTextSplitter
) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """(text, heading path, client types) of each chunk a section gives."""
    types = section.client_types or doc.client_types
    if section.whole:
        return [(section.text, None, types)]
    if not doc.markdown:
        return [(t, None, types) for t in splitter.split_text(section.text) if t.strip()]
    out: list[tuple[str, str | None, tuple[str, ...]]] = []
    headers = MarkdownHeaderTextSplitter(_HEADINGS, strip_headers=True)
    for part in headers.split_text(section.text):
        path = " > ".join(str(part.metadata[k]) for _, k in _HEADINGS if k in part.metadata)
        body, own_types = take_tag_line(part.page_content)
        for piece in splitter.split_text(body):
            if not piece.strip():
                continue
            # The heading path leads the text: both search and the reader need the context.
            text = f"{path}\n\n{piece}" if path else piece
            out.append((text, path or None, own_types or types))
    return out


def _chunk(
    *,
    source: str,
    text: str,
    title: str,
    kind: str,
    page: int | None,
    heading: str | None,
    sku: str | None,
    client_types: tuple[str, ...],
    version: int,
    file_name: str,
) -> Chunk:
    # The id covers what the store keeps beside the text (kind, page, heading, tags), so a
    # chunk whose page or tags moved is re-written; the version is left out on purpose:
    # an unchanged passage of a new version keeps its id and is not embedded again.
    key = "\x00".join((kind, str(page or ""), heading or "", sku or "", ";".join(client_types)))
    return Chunk(
        id=chunk_id(source, f"{key}\x00{text}"),
        doc=source,
        text=text,
        title=title,
        kind=kind,
        page=page,
        heading=heading,
        sku=sku,
        client_types=client_types,
        version=version,
        source=file_name,
    )
