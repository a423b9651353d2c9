"""Editors' rule files: the shipped ones load; a mistake names file, line and fix (R14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.catalog.pricing import choose_column
from assistant.clients.models import Client
from assistant.errors import RulesError
from assistant.rules import load_rules
from assistant.rules.loader import DEFAULTS_DIR


def test_the_shipped_rules_load_and_name_every_client_type_of_the_domain() -> None:
    rules = load_rules()
    assert {"key", "marketer", "own_outlet", "retail", "regional"} <= set(
        rules.routing.client_types
    )
    assert not rules.routing.client_types["key"].takes_order


def test_a_bad_transfer_step_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    text = (DEFAULTS_DIR / "routing.yaml").read_text()
    text = text.replace(
        'transfer_chain: [assigned_kam, "role:kam"', 'transfer_chain: [the_boss, "role:kam"'
    )
    (tmp_path / "routing.yaml").write_text(text)
    with pytest.raises(RulesError) as err:
        load_rules(tmp_path)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "the_boss" in t)
    assert f"routing.yaml:{line}" in err.value.message
    assert "unknown transfer step 'the_boss'" in err.value.message


def test_a_price_rule_naming_a_missing_column_is_refused(tmp_path: Path) -> None:
    text = (
        (DEFAULTS_DIR / "price_columns.yaml").read_text().replace("column: C\n", "column: Z\n", 1)
    )
    (tmp_path / "price_columns.yaml").write_text(text)
    with pytest.raises(RulesError, match="names column 'Z'"):
        load_rules(tmp_path)


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "routing.yaml").write_text("client_types:\n  key: [unclosed\n")
    with pytest.raises(RulesError, match=r"routing.yaml:\d+: not valid YAML"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("fields", "column", "why"),
    [
        ({"type": "key", "price_column": "B"}, "B", "agreed with this client"),
        ({"type": "retail", "programme": "loyalty"}, "C", "loyalty"),
        ({"type": "key"}, "D", "key clients"),
        ({"type": "marketer"}, "C", "market traders"),
        ({"type": "retail"}, "A", "base price"),
    ],
)
def test_the_price_column_follows_the_first_matching_rule_and_says_why_R14(
    fields: dict, column: str, why: str
) -> None:
    choice = choose_column(
        Client(code="X", name="X", search_name="x", **fields), load_rules().prices
    )
    assert choice.column == column
    assert why in choice.why
