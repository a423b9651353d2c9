"""Importer for management's discount rules (R15): one row per programme, keyed by code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from assistant.catalog.models import Product
from assistant.discounts.models import DiscountRule
from assistant.i18n import N_, _
from ingest.erp import fields
from ingest.erp.fields import RowError
from ingest.erp.importers_base import KindImporter, code_ids, max_length, resolve, split_new, table

RULES = table(DiscountRule)
_UNKNOWN_SKU = N_("import products first, or correct the sku")


class DiscountsImporter(KindImporter[dict[str, Any]]):
    """discounts: code, title, client_types, sku, category, min_qty, min_order_value, percent,
    valid_from, valid_to.

    A rule names a sku (min_qty of that line), or a category (min_qty of its lines together),
    or neither (min_order_value of the whole order); empty dates leave it open on that side.
    """

    columns = (
        "code", "title", "client_types", "sku", "category", "min_qty", "min_order_value",
        "percent", "valid_from", "valid_to",
    )  # fmt: skip

    def prepare(self) -> None:
        self.known = set(code_ids(self.session, DiscountRule))
        self.products = code_ids(self.session, Product, "sku")
        # Categories match case-insensitively and are stored as the products spell them.
        names = self.session.scalars(select(Product.category).distinct())
        self.categories = {name.casefold(): name for name in names}

    def parse(self, row: Mapping[str, str]) -> dict[str, Any]:
        sku = fields.optional_text(row["sku"], "sku")
        category = fields.optional_text(row["category"], "category")
        if sku and category:
            raise RowError(
                _(
                    "the rule names both sku and category: keep one (sku for one product, "
                    "category for a group), or neither for the whole order"
                )
            )
        min_qty = _not_negative(row["min_qty"], "min_qty")
        min_value = _not_negative(row["min_order_value"], "min_order_value")
        if (sku or category) and min_value is not None:
            raise RowError(
                _(
                    "min_order_value is for a rule on the whole order: leave it empty when "
                    "the rule names a sku or a category (its threshold is min_qty)"
                )
            )
        if not (sku or category) and min_qty is not None:
            raise RowError(
                _(
                    "min_qty needs a sku or a category to count: fill one in, or use "
                    "min_order_value for a rule on the whole order"
                )
            )
        valid_from = fields.optional_day(row["valid_from"], "valid_from")
        valid_to = fields.optional_day(row["valid_to"], "valid_to")
        _check_dates(valid_from, valid_to)
        return {
            "code": fields.text(row["code"], "code", max_length=max_length(DiscountRule, "code")),
            "title": fields.text(
                row["title"], "title", max_length=max_length(DiscountRule, "title")
            ),
            "client_types": fields.client_types(
                row["client_types"], self.context.known_client_types
            ),
            "sku": self._sku(sku) if sku else None,
            "category": self._category(category) if category else None,
            "min_qty": min_qty,
            "min_order_value": min_value,
            "percent": _percent(row["percent"]),
            "valid_from": valid_from,
            "valid_to": valid_to,
        }

    def _sku(self, sku: str) -> str:
        resolve(self.products, sku, "sku", _UNKNOWN_SKU)
        return sku

    def _category(self, name: str) -> str:
        found = self.categories.get(name.casefold())
        if found is None:
            raise RowError(
                _(
                    "no product has the category {category!r}: write it as the products "
                    "import does (column category), or import the products first"
                ).format(category=name)
            )
        return found

    def write(self, records: Sequence[dict[str, Any]]) -> tuple[int, int]:
        new, updated = split_new((r["code"] for r in records), self.known)
        self.upsert(RULES, records, keys=("code",), update=sorted(records[0].keys() - {"code"}))
        self.known.update(new)
        return len(new), updated


def _not_negative(value: str, column: str) -> Decimal | None:
    number = fields.optional_decimal(value, column)
    if number is not None and number < 0:
        raise RowError(
            _("{column} is negative: write 0 or more, or leave it empty").format(column=column)
        )
    return number


def _percent(value: str) -> Decimal:
    # "5", "5 %" and "5,5" all mean what a person wrote; a fraction like 0.05 is 0.05 %.
    number = fields.decimal(value.replace("%", ""), "percent")
    if not Decimal(0) < number <= Decimal(100):
        raise RowError(
            _("percent {value} is out of range: write a number above 0 and at most 100").format(
                value=value.strip()
            )
        )
    return number


def _check_dates(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise RowError(
            _(
                "valid_to {valid_to} is before valid_from {valid_from}: swap or correct the dates"
            ).format(valid_to=valid_to.isoformat(), valid_from=valid_from.isoformat())
        )
