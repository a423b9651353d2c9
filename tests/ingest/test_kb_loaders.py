"""Each loader on a tiny file of its kind, and the splitting of what it read."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ingest.documents.document import Unusable
from ingest.documents.loaders import load_document
from ingest.documents.splitting import split_document


def _pdf(path: Path, pages: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for text in pages:
        for n, line in enumerate(text.splitlines()):
            drawing.drawString(72, 770 - 14 * n, line)
        drawing.showPage()
    drawing.save()
    return path


def test_a_pdf_keeps_the_page_number_of_every_chunk(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "fish.pdf", ["Frozen hake fillet 1 kg", "Certificate CHED-P for fish"])
    doc = load_document(path)
    chunks = split_document(doc, source="fish.pdf", kind="catalog")
    assert doc.pages == 2
    assert [(c.page, c.text) for c in chunks] == [
        (1, "Frozen hake fillet 1 kg"),
        (2, "Certificate CHED-P for fish"),
    ]


def test_a_pdf_without_text_is_skipped_as_a_scan(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "scan.pdf", [""])
    with pytest.raises(Unusable) as caught:
        load_document(path)
    assert caught.value.status == "skipped"
    assert "no text layer (a scan)" in caught.value.reason


def test_pdf_ligatures_come_out_as_plain_letters() -> None:
    from ingest.documents.pdf import _document

    doc = _document(["e\ufb03cient \ufb01sh o\ufb00er"], title="t")
    assert doc.sections[0].text == "efficient fish offer"


def test_markdown_chunks_carry_their_heading_path_and_front_matter_tags(tmp_path: Path) -> None:
    path = tmp_path / "credit.md"
    path.write_text(
        "---\ntitle: Credit control\nclient_types: marketer; retail\n---\n"
        "# Credit\nCheck first.\n\n## Overdue debt\nNo order is created.\n\n"
        "## Limit\nclient_types: key\nAsk the KAM.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    chunks = split_document(doc, source="credit.md", kind="procedure")
    assert doc.title == "Credit control"
    assert [(c.heading, c.client_types) for c in chunks] == [
        ("Credit", ("marketer", "retail")),
        ("Credit > Overdue debt", ("marketer", "retail")),
        ("Credit > Limit", ("key",)),
    ]
    assert chunks[1].text == "Credit > Overdue debt\n\nNo order is created."
    assert "client_types" not in chunks[2].text


def test_long_sections_are_split_near_a_thousand_characters_with_overlap(tmp_path: Path) -> None:
    sentences = " ".join(f"Rule {n} says the driver waits fifteen minutes." for n in range(80))
    path = tmp_path / "long.md"
    path.write_text(f"# Delivery\n{sentences}\n", encoding="utf-8")
    chunks = split_document(load_document(path), source="long.md", kind="procedure")
    assert len(chunks) >= 3
    assert all(len(c.text) <= 1000 + len("Delivery\n\n") for c in chunks)
    assert chunks[0].text.split()[-1] in chunks[1].text  # overlap keeps context


def test_csv_rows_become_one_chunk_each_with_the_sku_and_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "cjenik.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";").writerows(
            [
                ["Šifra", "Naziv", "Pakiranje", "Cijena C"],
                ["TJ-0012", "Tjestenina bez glutena 5 kg", "2", "19,00"],
                ["UL-0001", "Maslinovo ulje 0,5 l", "12", "6,38"],
            ]
        )
    chunks = split_document(load_document(path), source="cjenik.csv", kind="prices")
    assert [c.sku for c in chunks] == ["TJ-0012", "UL-0001"]
    assert chunks[0].text == (
        "Šifra: TJ-0012 | Naziv: Tjestenina bez glutena 5 kg | Pakiranje: 2 | Cijena C: 19,00"
    )


def test_an_xlsx_price_list_reads_like_a_csv_one(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["SKU", "Name", "Price A"])
    sheet.append(["RI-0001", "Frozen hake fillet 1 kg", 6.9])
    book.save(tmp_path / "prices.xlsx")
    chunks = split_document(load_document(tmp_path / "prices.xlsx"), source="p", kind="prices")
    assert [(c.sku, c.text) for c in chunks] == [
        ("RI-0001", "SKU: RI-0001 | Name: Frozen hake fillet 1 kg | Price A: 6.9")
    ]


def test_a_word_document_keeps_its_headings_as_the_heading_path(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Complaints", level=1)
    document.add_paragraph("Register every complaint.")
    document.add_heading("Frozen goods", level=2)
    document.add_paragraph("Claims on the day of delivery.")
    document.save(str(tmp_path / "complaints.docx"))
    doc = load_document(tmp_path / "complaints.docx")
    chunks = split_document(doc, source="complaints.docx", kind="procedure")
    assert doc.title == "Complaints"
    assert [c.heading for c in chunks] == ["Complaints", "Complaints > Frozen goods"]
    assert chunks[1].text.endswith("Claims on the day of delivery.")


def test_plain_text_takes_its_title_and_client_types_from_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "kam.txt"
    path.write_text("Ključni kupci\nclient_types: key\nKAM odsutan: drugi KAM.\n", "utf-8")
    doc = load_document(path)
    chunks = split_document(doc, source="kam.txt", kind="procedure")
    assert doc.title == "Ključni kupci"
    assert [(c.text, c.client_types) for c in chunks] == [
        ("Ključni kupci\nKAM odsutan: drugi KAM.", ("key",))
    ]


def test_the_same_text_gives_the_same_chunk_ids_and_other_text_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# A\none\n\n# B\ntwo\n", encoding="utf-8")
    first = split_document(load_document(path), source="a.md", kind="procedure")
    again = split_document(load_document(path), source="a.md", kind="procedure")
    path.write_text("# A\none\n\n# B\ntwo, changed\n", encoding="utf-8")
    changed = split_document(load_document(path), source="a.md", kind="procedure")
    assert [c.id for c in first] == [c.id for c in again]
    assert first[0].id == changed[0].id and first[1].id != changed[1].id


def test_an_unsupported_file_type_is_skipped_with_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8")
    with pytest.raises(Unusable, match=r"unsupported file type \.jpg"):
        load_document(path)
