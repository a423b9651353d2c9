"""Importers for receivables and order history (the big one: millions of lines, streamed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from assistant.catalog.models import Product
from assistant.clients.models import Client
from assistant.credit.models import Receivable
from assistant.i18n import N_, _
from assistant.orders.models import HistoryLine
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

RECEIVABLES = table(Receivable)
HISTORY = table(HistoryLine)
_UNKNOWN_CLIENT = N_("import clients first, or correct the code")
_UNKNOWN_SKU = N_("import products first, or correct the sku")


class ReceivablesImporter(KindImporter[dict[str, Any]]):
    """receivables: client_code, document, amount, due_date, paid (empty = nothing paid)."""

    columns = ("client_code", "document", "amount", "due_date", "paid")

    def prepare(self) -> None:
        self.clients = code_ids(self.session, Client)
        key = (RECEIVABLES.c.client_id, RECEIVABLES.c.document)
        self.known = key_set(self.session, select(*key))

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        paid = fields.optional_decimal(row["paid"], "paid") or 0
        if paid < 0:
            raise RowError(
                _("paid {value} is negative: write the amount paid, 0 or more").format(
                    value=row["paid"].strip()
                )
            )
        return {
            "client_id": resolve(
                self.clients, row["client_code"].strip(), "client_code", _UNKNOWN_CLIENT
            ),
            "document": fields.text(
                row["document"], "document", max_length=max_length(Receivable, "document")
            ),
            "amount": fields.decimal(row["amount"], "amount"),
            "due_date": fields.day(row["due_date"], "due_date"),
            "paid": paid,
        }

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        new, updated = split_new(((r["client_id"], r["document"]) for r in records), self.known)
        self.upsert(
            RECEIVABLES,
            records,
            keys=("client_id", "document"),
            update=("amount", "due_date", "paid"),
        )
        self.known.update(new)
        return len(new), updated


@dataclass(frozen=True, slots=True)
class HistoryRecord:
    """One order line of the history export, with codes already resolved to ids."""

    order_no: str
    client_id: int
    order_date: date
    product_id: int
    qty: float
    price: float


class OrdersImporter(KindImporter[HistoryRecord]):
    """orders: order_no, client_code, date, sku, qty, price; one history row per (order, sku).

    Lines of the same order and sku in one file are summed (price: the last one). The
    stored row is replaced, never added to, by a re-import, so importing a file twice
    leaves the same rows. An order whose lines are split across batches is summed in the
    database: `written` remembers which (order, sku) rows this file has already written.
    """

    columns = ("order_no", "client_code", "date", "sku", "qty", "price")
    batch_size = 10_000

    def __init__(self, **options: Any) -> None:
        # Not reloaded by prepare(): a batch changes it only after all its statements succeed.
        self.written: dict[str, tuple[int, ...]] = {}
        super().__init__(**options)

    def prepare(self) -> None:
        self.clients = code_ids(self.session, Client)
        self.products = code_ids(self.session, Product, "sku")
        self._order_no_length = max_length(HistoryLine, "order_no")

    def parse(self, row: Mapping[str, str]) -> HistoryRecord:
        qty = fields.number(row["qty"], "qty")
        if qty <= 0:
            raise RowError(
                _(
                    "qty {value} is not above zero: leave returns and cancellations "
                    "out of the history export"
                ).format(value=row["qty"].strip())
            )
        price = fields.number(row["price"], "price")
        if price < 0:
            raise RowError(
                _("price {value} is negative: write 0 or more").format(value=row["price"].strip())
            )
        return HistoryRecord(
            order_no=fields.text(row["order_no"], "order_no", max_length=self._order_no_length),
            client_id=resolve(
                self.clients, row["client_code"].strip(), "client_code", _UNKNOWN_CLIENT
            ),
            order_date=fields.day(row["date"], "date"),
            product_id=resolve(self.products, row["sku"].strip(), "sku", _UNKNOWN_SKU),
            qty=qty,
            price=price,
        )

    def write(self, records: Sequence[HistoryRecord]) -> tuple[int, int]:
        lines = _merge_lines(records)
        in_database = self._stored_keys({order_no for order_no, _line in lines})
        fresh: list[dict[str, Any]] = []
        continued: list[dict[str, Any]] = []
        inserted = updated = 0
        for key, line in lines.items():
            if key[1] in self.written.get(key[0], ()):
                continued.append(line)  # already written by this file: add to it
            else:
                fresh.append(line)
                inserted += key not in in_database
                updated += key in in_database
        update = ("client_id", "order_date", "qty", "price")
        keys = ("order_no", "product_id")
        self.upsert(HISTORY, fresh, keys=keys, update=update)
        self.upsert(HISTORY, continued, keys=keys, update=("client_id", "order_date", "price"),
                    accumulate=("qty",))  # fmt: skip
        self._remember(fresh)
        return inserted, updated

    def _stored_keys(self, order_nos: set[str]) -> set[tuple[str, int]]:
        query = select(HISTORY.c.order_no, HISTORY.c.product_id).where(
            HISTORY.c.order_no.in_(sorted(order_nos))
        )
        return key_set(self.session, query)

    def _remember(self, lines: Sequence[dict[str, Any]]) -> None:
        """Note the (order, sku) rows this file has written, to add to them later."""
        additions: dict[str, list[int]] = {}
        for line in lines:
            additions.setdefault(line["order_no"], []).append(line["product_id"])
        for order_no, product_ids in additions.items():
            self.written[order_no] = self.written.get(order_no, ()) + tuple(product_ids)


def _merge_lines(records: Sequence[HistoryRecord]) -> dict[tuple[str, int], dict[str, Any]]:
    """One row per (order_no, product_id): quantities summed, the last price and date kept."""
    merged: dict[tuple[str, int], dict[str, Any]] = {}
    for record in records:
        key = (record.order_no, record.product_id)
        line = merged.get(key)
        if line is None:
            merged[key] = {
                "order_no": record.order_no, "client_id": record.client_id,
                "order_date": record.order_date, "product_id": record.product_id,
                "qty": record.qty, "price": record.price,
            }  # fmt: skip
        else:
            line.update(
                qty=line["qty"] + record.qty, price=record.price,
                client_id=record.client_id, order_date=record.order_date,
            )  # fmt: skip
    return merged
