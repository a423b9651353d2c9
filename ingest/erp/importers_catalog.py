"""Importers for products, prices (with their price-list columns) and special positions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from assistant.catalog.models import Price, PriceColumn, Product, SpecialPosition, names_in
from assistant.i18n import N_, _
from assistant.text import fold
from ingest.erp import fields
from ingest.erp.fields import RowError
from ingest.erp.importers_base import (
    KindImporter,
    code_ids,
    key_set,
    max_length,
    resolve,
    split_new,
    table,
)

PRODUCTS = table(Product)
PRICES = table(Price)
COLUMNS = table(PriceColumn)
SPECIALS = table(SpecialPosition)
# Folding may lengthen a name ("ß" -> "ss"): the search copy is cut to fit its column.
NAME_LENGTH = max_length(Product, "search_name")
OTHER_LENGTH = max_length(Product, "other_names") or 500
OTHER_SEARCH_LENGTH = max_length(Product, "search_other")
_UNKNOWN_SKU = N_("import products first, or correct the sku")


class PriceColumnBook:
    """Price-list columns by code, created on first mention at the end of the list."""

    def __init__(self, session: Session) -> None:
        self.session = session
        # Codes match case-insensitively: "b" in a file means the existing column "B".
        self.by_folded = {
            code.casefold(): (row_id, code)
            for code, row_id in session.execute(select(COLUMNS.c.code, COLUMNS.c.id))
        }
        self.next_position = (session.scalar(select(func.max(COLUMNS.c.position))) or 0) + 1

    def ensure(self, code: str) -> tuple[int, str]:
        """(id, stored code) of column `code`; a new column is named after its code."""
        found = self.by_folded.get(code.casefold())
        if found:
            return found
        row_id = self.session.execute(
            insert(COLUMNS)
            .values(code=code, name=code, position=self.next_position)
            .returning(COLUMNS.c.id)
        ).scalar_one()
        self.next_position += 1
        self.by_folded[code.casefold()] = (row_id, code)
        return row_id, code


class ProductsImporter(KindImporter[dict[str, Any]]):
    """products: sku, name, category, unit, pack_size, new_since, active.

    Optional columns min_qty and stock: when the file has them they are written (empty
    = unknown); when it does not, the stored values are left as they are. The same holds
    for other_names: the product's names in other languages, separated by ";".
    """

    columns = ("sku", "name", "category", "unit", "pack_size", "new_since", "active")
    optional_columns = ("min_qty", "stock", "other_names")
    quantity_columns = ("min_qty", "stock")

    def prepare(self) -> None:
        self.known = set(code_ids(self.session, Product, "sku"))

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        name = fields.text(row["name"], "name", max_length=max_length(Product, "name"))
        record = {
            "sku": fields.text(row["sku"], "sku", max_length=max_length(Product, "sku")),
            "name": name,
            "search_name": fold(name)[:NAME_LENGTH],
            "category": fields.text(
                row["category"], "category", max_length=max_length(Product, "category")
            ),
            "unit": fields.text(
                row["unit"], "unit", max_length=max_length(Product, "unit"), required=False
            )
            or "pc",
            "pack_size": _positive(row["pack_size"], "pack_size", default=Decimal(1)),
            "new_since": fields.optional_day(row["new_since"], "new_since"),
            "active": fields.boolean(row["active"], "active", default=True),
        }
        for column in self.quantity_columns:
            if column in self.present:
                record[column] = _optional_quantity(row[column], column)
        if "other_names" in self.present:
            record.update(other_names_fields(row["other_names"]))
        return record

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        new, updated = split_new((r["sku"] for r in records), self.known)
        self.upsert(PRODUCTS, records, keys=("sku",), update=sorted(records[0].keys() - {"sku"}))
        self.known.update(new)
        return len(new), updated


def other_names_fields(value: str) -> dict[str, str]:
    """other_names as stored ("a; b", each name trimmed) and folded for search."""
    joined = "; ".join(names_in(value))
    if len(joined) > OTHER_LENGTH:
        raise RowError(
            _(
                "other_names is {length} characters long, at most {limit} fit: "
                "keep the names clients use most"
            ).format(length=len(joined), limit=OTHER_LENGTH)
        )
    return {"other_names": joined, "search_other": fold(joined)[:OTHER_SEARCH_LENGTH]}


def _positive(value: str, column: str, *, default: Decimal) -> Decimal:
    if not value.strip():
        return default
    number = fields.decimal(value, column)
    if number <= 0:
        raise RowError(
            _("{column} must be above zero (got {value}): leave it empty for 1").format(
                column=column, value=value.strip()
            )
        )
    return number


def _optional_quantity(value: str, column: str) -> Decimal | None:
    number = fields.optional_decimal(value, column)
    if number is not None and number < 0:
        raise RowError(
            _("{column} is negative: write 0 or more, or leave it empty").format(column=column)
        )
    return number


class PricesImporter(KindImporter[dict[str, Any]]):
    """prices: sku, column, price; a column not yet in the price list is added after the others."""

    columns = ("sku", "column", "price")

    def prepare(self) -> None:
        self.products = code_ids(self.session, Product, "sku")
        self.columns_book = PriceColumnBook(self.session)
        self.known = key_set(self.session, select(PRICES.c.product_id, PRICES.c.column_id))

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        price = fields.decimal(row["price"], "price")
        if price < 0:
            raise RowError(
                _("price {value} is negative: write 0 or more").format(value=row["price"].strip())
            )
        return {
            "product_id": resolve(self.products, row["sku"].strip(), "sku", _UNKNOWN_SKU),
            "column": fields.text(
                row["column"], "column", max_length=max_length(PriceColumn, "code")
            ),
            "price": price,
        }

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        rows = [
            {"product_id": r["product_id"], "column_id": self.columns_book.ensure(r["column"])[0],
             "price": r["price"]}
            for r in records
        ]  # fmt: skip
        new, updated = split_new(((r["product_id"], r["column_id"]) for r in rows), self.known)
        self.upsert(PRICES, rows, keys=("product_id", "column_id"), update=("price",))
        self.known.update(new)
        return len(new), updated


class SpecialsImporter(KindImporter[dict[str, Any]]):
    """specials: sku, title, valid_from, valid_to, client_types (';'-separated, empty = all)."""

    columns = ("sku", "title", "valid_from", "valid_to", "client_types")

    def prepare(self) -> None:
        self.products = code_ids(self.session, Product, "sku")
        key = (SPECIALS.c.product_id, SPECIALS.c.title, SPECIALS.c.valid_from)
        self.known = key_set(self.session, select(*key))

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        valid_from = fields.day(row["valid_from"], "valid_from")
        valid_to = fields.day(row["valid_to"], "valid_to")
        if valid_to < valid_from:
            raise RowError(
                _(
                    "valid_to {valid_to} is before valid_from {valid_from}: "
                    "swap or correct the dates"
                ).format(valid_to=valid_to.isoformat(), valid_from=valid_from.isoformat())
            )
        return {
            "product_id": resolve(self.products, row["sku"].strip(), "sku", _UNKNOWN_SKU),
            "title": fields.text(
                row["title"], "title", max_length=max_length(SpecialPosition, "title")
            ),
            "valid_from": valid_from,
            "valid_to": valid_to,
            "client_types": fields.client_types(
                row["client_types"], self.context.known_client_types
            ),
        }

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        keys = ((r["product_id"], r["title"], r["valid_from"]) for r in records)
        new, updated = split_new(keys, self.known)
        self.upsert(
            SPECIALS, records, keys=("product_id", "title", "valid_from"),
            update=("valid_to", "client_types"),
        )  # fmt: skip
        self.known.update(new)
        return len(new), updated
