"""Convert UCI Online Retail into the desk's import files: clients, products and orders.

Run: .venv/bin/python -m bench.retail_orders OUT_DIR [--source FILE]
then: desk eval offers --orders OUT_DIR/orders.csv --clients OUT_DIR/clients.csv
      --products OUT_DIR/products.csv --cut 2011-09-01

What is kept: lines with a CustomerID, a positive quantity and price, and a real
product (StockCode starting with a digit: POST, DOT, M, BANK CHARGES... are fees).
Cancellations ("C" invoices) are left out, as the orders importer asks. Clients are
C<CustomerID>; their type is "retail" in the United Kingdom, "regional" elsewhere
(the desk's client types; the country is the city). Products keep the StockCode
as SKU and the first description seen as the name. Dates keep the day only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "online-retail" / "online_retail_2010_2011.csv.gz"
HOME_COUNTRY = "United Kingdom"


def _day(value: str) -> str:
    """ISO day of the file's InvoiceDate ("2010-12-01 08:26:00" or "12/1/2010 8:26")."""
    value = value.strip()
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    return value[:10]


def convert(source: Path, out: Path) -> dict[str, int]:
    """Write clients.csv, products.csv and orders.csv into `out`; counts of each."""
    out.mkdir(parents=True, exist_ok=True)
    countries: dict[str, str] = {}
    names: dict[str, str] = {}
    kept = 0
    with (
        gzip.open(source, "rt", encoding="utf-8", newline="") as handle,
        (out / "orders.csv").open("w", newline="", encoding="utf-8") as orders,
    ):
        writer = csv.writer(orders)
        writer.writerow(["order_no", "client_code", "date", "sku", "qty", "price"])
        for row in csv.DictReader(handle):
            customer = (row["CustomerID"] or "").strip().removesuffix(".0")
            sku = row["StockCode"].strip().upper()
            invoice = row["InvoiceNo"].strip()
            qty, price = float(row["Quantity"]), float(row["UnitPrice"])
            if not customer or customer == "NA" or invoice.startswith("C"):
                continue
            if qty <= 0 or price <= 0 or not sku[:1].isdigit():
                continue
            client = f"C{customer}"
            countries.setdefault(client, row["Country"].strip())
            names.setdefault(sku, (row["Description"] or sku).strip() or sku)
            writer.writerow([invoice, client, _day(row["InvoiceDate"]), sku, qty, price])
            kept += 1
    _write_clients(out / "clients.csv", countries)
    _write_products(out / "products.csv", names)
    return {"clients": len(countries), "products": len(names), "order_lines": kept}


def _write_clients(path: Path, countries: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["code", "name", "phone", "type", "manager_code", "price_column", "credit_limit",
             "city", "regional"]
        )  # fmt: skip
        for code, country in sorted(countries.items()):
            kind = "retail" if country == HOME_COUNTRY else "regional"
            regional = "no" if kind == "retail" else "yes"
            writer.writerow([code, f"Customer {code[1:]}", "", kind, "", "", "", country, regional])


def _write_products(path: Path, names: dict[str, str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["sku", "name", "category", "unit", "pack_size", "new_since", "active"])
        for sku, name in sorted(names.items()):
            writer.writerow([sku, name, "retail", "pc", "1", "", "yes"])


def main(argv: list[str] | None = None) -> int:
    """Convert the file and say how much was kept."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    counts = convert(args.source, args.out)
    print(", ".join(f"{name}: {count:,}" for name, count in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
