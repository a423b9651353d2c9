"""Discount rules (R15): thresholds at the boundary, dates, client types, highest wins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.discounts.engine import BasketLine, Programme, winners
from assistant.orders.discounting import discounted

DAY = date(2026, 11, 26)


def rule(code: str, percent: str, **over: object) -> Programme:
    values: dict[str, object] = {
        "code": code, "title": code.title(), "client_types": (), "sku": None,
        "category": None, "min_qty": Decimal(0), "min_order_value": Decimal(0),
        "percent": Decimal(percent),
    }  # fmt: skip
    values.update(over)
    return Programme(**values)  # type: ignore[arg-type]


def line(sku: str, qty: int, *, category: str = "Pasta", value: str = "10") -> BasketLine:
    return BasketLine(sku, category, Decimal(qty), Decimal(value))


def codes(won: dict[str, Programme]) -> dict[str, str]:
    return {sku: p.code for sku, p in won.items()}


def test_a_sku_rule_applies_from_exactly_its_min_qty() -> None:
    oil = rule("OIL6", "5", sku="OIL", min_qty=Decimal(6))
    assert codes(winners([oil], [line("OIL", 5)])) == {}
    assert codes(winners([oil], [line("OIL", 6), line("SALT", 6)])) == {"OIL": "OIL6"}


def test_a_category_rule_counts_the_categorys_lines_together() -> None:
    week = rule("PASTA", "5", category="pasta", min_qty=Decimal(10))
    assert codes(winners([week], [line("SPAG", 4), line("PENNE", 5)])) == {}
    both = [line("SPAG", 4), line("PENNE", 6), line("OIL", 20, category="Oils")]
    assert codes(winners([week], both)) == {"SPAG": "PASTA", "PENNE": "PASTA"}


def test_an_order_rule_applies_to_every_line_from_exactly_its_order_value() -> None:
    big = rule("BIG", "2", min_order_value=Decimal("100.00"))
    assert codes(winners([big], [line("A", 1, value="60"), line("B", 1, value="39.99")])) == {}
    lines = [line("A", 1, value="60"), line("B", 1, value="40")]
    assert codes(winners([big], lines)) == {"A": "BIG", "B": "BIG"}


def test_the_highest_percent_wins_per_line_and_rules_never_stack() -> None:
    rules = [
        rule("BIG", "3", min_order_value=Decimal(10)),
        rule("OIL6", "5", sku="OIL", min_qty=Decimal(6)),
        rule("PASTA", "4", category="Pasta", min_qty=Decimal(1)),
    ]
    won = winners(rules, [line("OIL", 6, category="Oils"), line("SPAG", 1)])
    assert codes(won) == {"OIL": "OIL6", "SPAG": "PASTA"}
    assert won["OIL"].percent == Decimal(5)  # 5 %, not 5 + 3
    assert discounted(Decimal("9.99"), Decimal(5)) == Decimal("9.49")  # 9.4905, to the cent


def test_a_rule_is_offered_only_within_its_dates_and_to_its_types() -> None:
    dated = rule("W", "5", valid_from=date(2026, 11, 20), valid_to=date(2026, 11, 26))
    assert dated.offered_to("marketer", date(2026, 11, 20))
    assert dated.offered_to("marketer", date(2026, 11, 26))
    assert not dated.offered_to("marketer", date(2026, 11, 19))
    assert not dated.offered_to("marketer", date(2026, 11, 27))
    typed = rule("T", "5", client_types=("marketer", "retail"))
    assert typed.offered_to("retail", DAY) and not typed.offered_to("key", DAY)
    assert rule("ALL", "5").offered_to("key", DAY)
