"""Discount rules (R15): thresholds at the boundary, dates, client types, highest wins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from assistant.discounts.engine import BasketLine, Programme, in_reach, winners
from assistant.discounts.prompts import prompt
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


def test_a_rule_half_way_or_more_but_not_met_is_in_reach_with_what_is_missing() -> None:
    week = rule("PASTA", "5", category="Pasta", min_qty=Decimal(10))
    assert in_reach([week], [line("SPAG", 4)]) == []  # under half
    (reach,) = in_reach([week], [line("SPAG", 3), line("PENNE", 2)])  # exactly half
    assert (reach.missing_qty, reach.missing_value) == (Decimal(5), None)
    assert in_reach([week], [line("SPAG", 10)]) == []  # met already
    big = rule("BIG", "2", min_order_value=Decimal(100))
    (reach,) = in_reach([big], [line("A", 1, value="60")])
    assert (reach.missing_qty, reach.missing_value) == (None, Decimal(40))


def test_a_rule_is_not_in_reach_when_its_lines_have_as_much_off_already() -> None:
    oil = rule("OIL6", "5", sku="OIL", min_qty=Decimal(6))
    better = rule("BIG", "8", min_order_value=Decimal(1))
    assert in_reach([oil, better], [line("OIL", 4)]) == []


def test_the_prompt_is_a_sentence_to_read_out_in_the_language_now() -> None:
    spag = rule("PASTA", "5", title="the pasta week", sku="SPAG", min_qty=Decimal(10))
    (reach,) = in_reach([spag], [line("SPAG", 7)])
    said = prompt(reach, names={"SPAG": ("spaghetti", "packs")})
    assert said.text == "3 more packs of spaghetti and “the pasta week” gives 5% off"
    assert said.as_dict() == {
        "kind": "discount", "code": "PASTA", "text": said.text,
        "missing_qty": 3.0, "missing_value": None,
    }  # fmt: skip
