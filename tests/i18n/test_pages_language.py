"""The heads' pages speak Croatian: labels, money and dates in hr, and the export's header row.

The suite speaks English by default (tests/conftest.py); here each session picks hr the way a
user does, through its "language" state, before the first run.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from assistant import formats
from assistant.auth.rights import Actor
from assistant.i18n import use_language
from assistant.orders.queries import OrderFilter, orders_csv
from tests.conftest import TODAY
from tests.ui.steps import logged_in
from tests.ui.test_clients_page import clients  # noqa: F401 - the Clients page's data
from tests.ui.test_orders_page import orders  # noqa: F401 - the Orders page's data

APP = str(Path(__file__).resolve().parents[2] / "app.py")
ORDERS = "assistant/ui/pages/orders.py"
CLIENTS = "assistant/ui/pages/clients.py"


def _page(page: str, language: str) -> AppTest:
    at = logged_in(AppTest.from_file(APP, default_timeout=30))
    at.session_state["language"] = language
    at.run()
    return at.switch_page(page).run()


def _rerun(at: AppTest, language: str) -> AppTest:
    """Run again; AppTest reads back the options the last run drew in the test's own thread,
    so it must speak that run's language there too (the app does this inside its run)."""
    with use_language(language):
        return at.run()


def _plain(text: str) -> str:
    """Babel puts a no-break space before "€" (and between a date's parts): read it as a space."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _shown(at: AppTest) -> str:
    return _plain(" ".join(m.value for m in [*at.markdown, *at.caption]))


def test_the_orders_page_in_croatian_has_croatian_labels_and_formats(
    orders: dict[str, str],  # noqa: F811
    services: Any,
) -> None:
    at = _page(ORDERS, "hr")
    assert not at.exception
    assert "### Narudžbe" in _shown(at)
    assert at.text_input(key="orders_client").label == "Šifra kupca"
    assert at.selectbox(key="orders_status").label == "Status"
    assert at.download_button(key="orders_export").label == "Izvoz CSV"
    total = sum(r["total"] for r in services.orders.list(where=OrderFilter(), actor=Actor.system()))
    summary = _plain(at.caption[0].value)
    assert summary.startswith("3 narudžbe · ukupno ")
    assert _plain(formats.money(total, language="hr")) in summary and summary.endswith(" €")
    table = at.dataframe[0].value
    # 27. 11. 2026.: the day after the tests' business day, as a Croatian reads it.
    assert _plain(formats.day(TODAY + timedelta(days=1), language="hr")) == "27. 11. 2026."
    assert "27. 11. 2026." in {_plain(d) for d in table["delivery_date"]}
    assert set(table["status"]) == {"zaprimljena"}
    assert all(_plain(cell).endswith(",00 €") for cell in table["total"])

    at.session_state[at.dataframe[0].key] = {"selection": {"rows": [2], "columns": [], "cells": []}}
    _rerun(at, "hr")
    assert not at.exception
    assert "**Isporuka** 27. 11. 2026., 08-12" in _shown(at)
    assert at.button(key="orders_advance").label == "Prebaci u status „prihvaćena”"
    at.button(key="orders_advance").click()
    _rerun(at, "hr")
    assert at.success[0].value == f"{orders['first']} je sada u statusu „prihvaćena”."


def test_the_same_page_in_english_keeps_english_formats(orders: dict[str, str]) -> None:  # noqa: F811
    at = _page(ORDERS, "en")
    assert not at.exception
    assert at.caption[0].value.startswith("3 orders · total €")
    assert "27 Nov 2026" in {_plain(d) for d in at.dataframe[0].value["delivery_date"]}


def test_switching_the_language_keeps_the_filters_typed(orders: dict[str, str]) -> None:  # noqa: F811
    at = _page(ORDERS, "en")
    at.text_input(key="orders_client").input("m2").run()
    at.session_state["language"] = "hr"
    _rerun(at, "en")  # the widgets AppTest sends back were drawn in English
    assert not at.exception
    assert at.text_input(key="orders_client").value == "m2"
    assert list(at.dataframe[0].value["order_no"]) == [orders["later"]]
    assert _plain(at.caption[0].value).startswith("1 narudžba · ukupno ")


def test_the_orders_export_has_its_header_row_in_the_language_and_the_same_cells(
    orders: dict[str, str],  # noqa: F811
    services: Any,
) -> None:
    rows = services.orders.list(where=OrderFilter(operator="ivo"), actor=Actor.system())
    with use_language("hr"):
        croatian = orders_csv(rows).splitlines()
    with use_language("en"):
        english = orders_csv(rows).splitlines()
    assert croatian[0] == (
        "Narudžba,Status,Šifra kupca,Naziv kupca,Datum isporuke,Termin isporuke,Stavke,"
        "Ukupno,Cjenovni stupac,Operater,Naručeno (UTC)"
    )
    assert english[0] == (
        "Order,Status,Client code,Client name,Delivery date,Delivery window,Lines,Total,"
        "Price column,Operator,Placed (UTC)"
    )
    # The cells are for the spreadsheet: codes, ISO dates and plain numbers in both.
    assert croatian[1:] == english[1:]
    assert croatian[1].startswith(f"{orders['later']},placed,M2,'=Mesnica Horvat")


def test_the_clients_page_in_croatian_shows_debts_in_euros_and_croatian_dates(
    clients: Any,  # noqa: F811
) -> None:
    at = _page(CLIENTS, "hr")
    at.text_input(key="clients_query").input("D1")
    _rerun(at, "hr")
    assert not at.exception
    assert at.text_input(key="clients_query").label == "Pronađi kupca"
    shown = _shown(at)
    assert "##### Dugovi" in shown and "##### Narudžbe" in shown
    overdue = next(_plain(e.value) for e in at.error if "Dospjelo" in e.value)
    assert overdue == "**Dospjelo 400,00 €** u 1 dokumentu; ukupno otvoreno 480,00 €."
    debts = next(d.value for d in at.dataframe if "document" in list(d.value.columns))
    assert [_plain(amount) for amount in debts["open"]] == ["400,00 €", "80,00 €"]
    assert list(debts["state"]) == ["dospjelo 30 d", "nije dospjelo"]
    assert all(_plain(due).endswith(".") and _plain(due).count(". ") == 2 for due in debts["due"])


def test_a_file_the_reader_refuses_says_why_in_the_language_of_the_ingest(tmp_path: Path) -> None:
    from ingest.documents.document import Unusable
    from ingest.documents.worker import LoaderWorker

    empty = tmp_path / "prazno.md"
    empty.write_text("   \n", encoding="utf-8")
    # The reason is written in the reader's child process: it speaks the asking side's language.
    with LoaderWorker() as reader:
        for language, reason in (("hr", "prazan dokument"), ("en", "empty document")):
            with use_language(language):
                try:
                    reader.load(empty)
                except Unusable as refused:
                    assert refused.reason == reason
                else:
                    raise AssertionError("an empty document was read")


def test_an_import_refused_names_the_columns_in_the_file_and_the_fix_in_croatian() -> None:
    from assistant.errors import ImportRefused
    from ingest.erp.importers import check_header
    from ingest.erp.importers_history import ReceivablesImporter

    with use_language("hr"):
        try:
            check_header(["client_code", "dokument"], ReceivablesImporter, kind="receivables",
                         path=Path("dug.csv"))  # fmt: skip
        except ImportRefused as refused:
            message = refused.message
        else:
            raise AssertionError("a header without its columns was accepted")
    assert message.startswith("dug.csv ne može se uvesti kao receivables: nedostaju stupci: ")
    assert "document, amount, due_date" in message  # the file's own column names stay as they are
    assert "nepoznati stupci: dokument" in message
    assert message.endswith("Ispravite redak zaglavlja i ponovno uvezite.")
