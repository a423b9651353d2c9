"""A real sales export (UCI Online Retail) turned into our formats imports cleanly and twice."""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.models import Product
from assistant.orders.models import HistoryLine
from ingest.erp.importers import ImportReport

ONLINE_RETAIL = (
    Path(__file__).resolve().parents[3]
    / "shared" / "data" / "online-retail" / "online_retail_2010_2011.csv.gz"
)  # fmt: skip
LINES = 20_000

pytestmark = pytest.mark.skipif(
    not ONLINE_RETAIL.exists(), reason=f"the real data set is absent: {ONLINE_RETAIL}"
)


def real_sales() -> Iterator[dict[str, str]]:
    """The first LINES sales lines, without cancellations and lines of unknown customers."""
    with gzip.open(ONLINE_RETAIL, "rt", encoding="utf-8", newline="") as source:
        for row in islice(csv.DictReader(source), LINES):
            if row["InvoiceNo"].startswith("C") or row["CustomerID"] in ("", "NA"):
                continue
            yield row


def convert(folder: Path) -> dict[tuple[str, str], float]:
    """Write products, clients and orders files from the export; return qty per (order, sku)."""
    products: dict[str, str] = {}
    clients: dict[str, str] = {}
    expected: dict[tuple[str, str], float] = defaultdict(float)
    with (folder / "orders.csv").open("w", encoding="utf-8", newline="") as out:
        orders = csv.writer(out)
        orders.writerow(["order_no", "client_code", "date", "sku", "qty", "price"])
        for row in real_sales():
            sku, client = row["StockCode"], row["CustomerID"]
            products.setdefault(sku, row["Description"] or sku)
            clients.setdefault(client, row["Country"])
            # The export's own timestamp ("2010-12-01 08:26:00") goes in unchanged.
            orders.writerow([row["InvoiceNo"], client, row["InvoiceDate"], sku,
                             row["Quantity"], row["UnitPrice"]])  # fmt: skip
            expected[row["InvoiceNo"], sku] += float(row["Quantity"])
    _write(
        folder / "products.csv",
        ["sku", "name", "category", "unit", "pack_size", "new_since", "active"],
        ([sku, name, "Giftware", "pc", "1", "", "true"] for sku, name in products.items()),
    )
    _write(folder / "clients.csv",
           ["code", "name", "phone", "type", "manager_code", "price_column", "credit_limit",
            "city", "regional"],
           ([code, f"Customer {code}", "", "retail", "", "", "", country, "false"]
            for code, country in clients.items()))  # fmt: skip
    return expected


def _write(path: Path, header: list[str], rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def test_a_slice_of_a_real_sales_export_imports_with_quantities_summed_per_order_and_sku(
    tmp_path: Path,
    run_import: Callable[[str, Path], ImportReport],
    session_factory: sessionmaker[Session],
) -> None:
    expected = convert(tmp_path)
    for kind in ("products", "clients"):
        assert run_import(kind, tmp_path / f"{kind}.csv").ok

    first = run_import("orders", tmp_path / "orders.csv")
    again = run_import("orders", tmp_path / "orders.csv")

    assert first.ok, first.rejected[:5]
    assert (first.inserted, again.inserted, again.updated) == (len(expected), 0, len(expected))
    stored = _history(session_factory)
    assert len(stored) == len(expected)
    assert stored == pytest.approx(expected)


def _history(session_factory: sessionmaker[Session]) -> dict[tuple[str, str], Any]:
    """The stored history as {(order_no, sku): qty}."""
    with session_factory() as session:
        query = select(HistoryLine.order_no, Product.sku, HistoryLine.qty).join(
            Product, Product.id == HistoryLine.product_id
        )
        return {(order_no, sku): qty for order_no, sku, qty in session.execute(query)}
