"""The scenario validator: one test per error, each naming the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.app import app
from assistant.training.check import check
from assistant.training.scenario import FOLDER, ScenarioInvalid, load, scenarios

VALID = (FOLDER / "key-kam-present.en.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "key-kam-present.en.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str, name: str = "key-kam-present.en.yaml") -> list[str]:
    path = _write(tmp_path, text, name)
    return check(text, path)


def _line(text: str, fragment: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if fragment in row)


def test_every_shipped_scenario_is_valid() -> None:
    for path in sorted(FOLDER.glob("*.yaml")):
        assert check(path.read_text(encoding="utf-8"), path) == [], path


def test_a_valid_file_has_no_problems(tmp_path: Path) -> None:
    assert _problems(tmp_path, VALID) == []


def test_not_yaml_names_the_line(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "id: x\nlanguage: [en\n")
    assert len(problems) == 1 and "not valid YAML" in problems[0]


def test_not_a_mapping(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "- just\n- a list\n")
    assert problems == [
        f"{tmp_path / 'key-kam-present.en.yaml'}:1: not a training scenario; "
        "give it 'id:', 'language:', 'client:', 'wants:', 'expect:' and 'lines:'"
    ]


def test_unknown_key_names_its_line(tmp_path: Path) -> None:
    text = VALID.replace("  debt: none\n", "  debt: none\n  mood: grumpy\n")
    (problem,) = _problems(tmp_path, text)
    assert f":{_line(text, 'mood:')}: unknown key 'mood'; use one of: code, phone" in problem


def test_wrong_enum_value(tmp_path: Path) -> None:
    text = VALID.replace("  debt: none", "  debt: some")
    (problem,) = _problems(tmp_path, text)
    assert f":{_line(text, 'debt: some')}: 'debt' is 'some'; use one of: none, overdue" in problem


def test_not_a_boolean(tmp_path: Path) -> None:
    text = VALID.replace("  regional: false", "  regional: maybe")
    (problem,) = _problems(tmp_path, text)
    assert "'regional' is 'maybe', not true or false; write true or false" in problem


def test_unknown_trigger(tmp_path: Path) -> None:
    text = VALID.replace("on: line_added", "on: line_removed")
    (problem,) = _problems(tmp_path, text)
    assert f":{_line(text, 'line_removed')}: unknown trigger 'line_removed'" in problem
    assert "call_start, identified" in problem


def test_unknown_requirement(tmp_path: Path) -> None:
    text = VALID.replace("rules: [R3, R4]", "rules: [R3, R44]")
    (problem,) = _problems(tmp_path, text)
    assert "unknown requirement 'R44'; use a requirement id of the domain" in problem


def test_rule_that_cannot_be_scored(tmp_path: Path) -> None:
    text = VALID.replace("rules: [R3, R4]", "rules: [R3, R18]")
    (problem,) = _problems(tmp_path, text)
    assert "requirement R18 cannot be scored in a training call; score only R3-R17, R19" in problem


def test_language_not_matching_the_file_name(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, VALID, name="key-kam-present.hr.yaml")
    assert "the file name says 'hr' but the file is 'language: en'" in problem
    assert "rename the file to key-kam-present.en.yaml" in problem


def test_id_not_matching_the_file_name(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, VALID, name="other.en.yaml")
    assert "the file name says 'other' but the id is 'key-kam-present'" in problem


def test_bad_id(tmp_path: Path) -> None:
    text = VALID.replace("id: key-kam-present", "id: Key KAM")
    problems = _problems(tmp_path, text, name="x.en.yaml")
    assert any("id 'Key KAM' is not lowercase letters, digits and dashes" in p for p in problems)


def test_missing_required_field(tmp_path: Path) -> None:
    text = VALID.replace("expect:\n  transfer_to: M01\n  order: false\n", "")
    (problem,) = _problems(tmp_path, text)
    assert ":1: 'expect' is missing; add 'expect:'" in problem


def test_missing_field_of_a_section(tmp_path: Path) -> None:
    text = VALID.replace("  order: false\n", "")
    (problem,) = _problems(tmp_path, text)
    assert f":{_line(text, 'expect:')}: 'expect.order' is missing" in problem


def test_duplicate_id_across_files_of_one_language(tmp_path: Path) -> None:
    _write(tmp_path, VALID, name="copy.en.yaml")  # another file, the same id
    problems = _problems(tmp_path, VALID)
    assert any("id 'key-kam-present' is used by copy.en.yaml as well" in p for p in problems)


def test_order_without_lines(tmp_path: Path) -> None:
    start = VALID.index("  lines:\n    - {sku")
    end = VALID.index("reactions:")
    text = VALID[:start] + VALID[end:]
    (problem,) = _problems(tmp_path, text)
    assert "an order without lines; list what the client orders under 'lines:'" in problem


def test_line_with_a_bad_quantity(tmp_path: Path) -> None:
    text = VALID.replace("qty: 10}", "qty: -2}")
    (problem,) = _problems(tmp_path, text)
    assert f":{_line(text, 'qty: -2')}: quantity -2 is not a positive number" in problem


def test_new_caller_needs_phone_and_name(tmp_path: Path) -> None:
    text = VALID.replace("  code: K0003", "  code: null")
    problems = _problems(tmp_path, text)
    assert any("a new caller (code: null) needs 'phone'" in p for p in problems)
    assert any("a new caller (code: null) needs 'name'" in p for p in problems)


def test_question_missing_for_information(tmp_path: Path) -> None:
    text = VALID.replace("  purpose: order", "  purpose: information")
    problems = _problems(tmp_path, text)
    assert any("a question without its words" in p for p in problems)


def test_answer_source_that_is_no_document(tmp_path: Path) -> None:
    text = VALID.replace(
        "  purpose: order\n", "  purpose: order\n  answer_source: procedures/x.md\n"
    )
    (problem,) = _problems(tmp_path, text)
    assert "answer_source 'procedures/x.md' is no knowledge document" in problem


def test_r19_without_an_answer_source(tmp_path: Path) -> None:
    text = VALID.replace("rules: [R3, R4]", "rules: [R3, R4, R19]")
    (problem,) = _problems(tmp_path, text)
    assert "R19 is scored but no document answers the question" in problem


def test_r16_without_a_delivery_answer(tmp_path: Path) -> None:
    text = VALID.replace("rules: [R3, R4]", "rules: [R3, R4, R16]")
    (problem,) = _problems(tmp_path, text)
    assert "R16 is scored but the client has no delivery answer" in problem


def test_order_expected_from_a_client_who_wants_none(tmp_path: Path) -> None:
    text = VALID.replace("  order: false", "  order: true").replace(
        "transfer_to: M01", "transfer_to: null"
    )
    text = text.replace("  purpose: order", "  purpose: complaint")
    (problem,) = _problems(tmp_path, text)
    assert "an order is expected but the client does not want one" in problem


def test_order_and_transfer_both_expected(tmp_path: Path) -> None:
    text = VALID.replace("  order: false", "  order: true")
    (problem,) = _problems(tmp_path, text)
    assert "expected both to place an order and to be transferred" in problem


def test_a_line_that_says_nothing(tmp_path: Path) -> None:
    text = VALID.replace('    say: "Goodbye."', '    say: ""')
    (problem,) = _problems(tmp_path, text)
    assert "a line that says nothing" in problem


def test_load_refuses_an_invalid_file_with_every_problem(tmp_path: Path) -> None:
    text = VALID.replace("  debt: none", "  debt: some").replace("on: line_added", "on: nope")
    with pytest.raises(ScenarioInvalid) as caught:
        load(_write(tmp_path, text))
    assert caught.value.code == "scenario_invalid"
    assert len(caught.value.problems) == 2


def test_scenarios_of_one_language_by_id() -> None:
    found = scenarios("en")
    assert [s.id for s in found] == sorted(s.id for s in found)
    assert {s.language for s in found} == {"en"}


def test_cli_check_prints_every_problem_and_exits_1(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID.replace("  debt: none", "  debt: some"))
    result = CliRunner().invoke(app, ["train", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{_line(VALID, 'debt: none')}: 'debt' is 'some'" in result.output


def test_cli_check_of_a_valid_file(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID)
    result = CliRunner().invoke(app, ["train", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "no errors" in result.output
