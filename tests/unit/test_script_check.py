"""The call script validator: one test per kind of error, each naming file, line and fix."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.script.check import check
from assistant.script.loader import load
from assistant.script.shipped import FOLDER

runner = CliRunner()
SHIPPED = FOLDER / "call-script.en.yaml"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "call-script.en.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_shipped_scripts_have_no_error() -> None:
    for path in sorted(FOLDER.glob("call-script.*.yaml")):
        assert check(load(path)) == []


def test_an_unknown_fact_names_its_line_and_the_known_ones(tmp_path: Path) -> None:
    path = _broken(tmp_path, "when: {regional: true}", "when: {far_away: true}")
    [problem] = check(load(path))
    assert problem.line == _line_of(path, "far_away")
    assert "'far_away'" in problem.message and "regional" in problem.fix
    assert str(problem).startswith(f"{path}:{problem.line}: ")


def test_an_unknown_variable_names_the_step_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "Your prices are from column {column}.", "Your {discount}.")
    [problem] = check(load(path))
    assert problem.line == _line_of(path, "id: discounts")
    assert "{discount}" in problem.message and "client_name" in problem.fix


def test_an_unreachable_step(tmp_path: Path) -> None:
    path = _broken(tmp_path, "next: payment", "next: documents")
    [problem] = check(load(path))
    assert problem.line == _line_of(path, "id: payment")
    assert "'payment'" in problem.message and "unreachable" in problem.message


def test_a_branch_with_no_way_out(tmp_path: Path) -> None:
    path = _broken(tmp_path, "      - goto: delivery\n", "")
    problems = check(load(path))
    assert [p.line for p in problems] == [_line_of(path, "id: advice")]
    assert "no way out" in problems[0].message and "without 'when:'" in problems[0].fix


def test_a_requirement_no_path_covers(tmp_path: Path) -> None:
    path = _broken(tmp_path, "requirement: R17", "requirement: R16")
    [problem] = check(load(path))
    assert "R17" in problem.message and "requirement: R17" in problem.fix


def test_desk_script_check_exits_non_zero_with_a_message_per_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, "when: {new_caller: true}", "when: {stranger: true}")
    result = runner.invoke(app, ["script", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{_line_of(path, 'stranger')}: " in result.stderr
    ok = runner.invoke(app, ["script", "check", str(SHIPPED)])
    assert ok.exit_code == 0, ok.output


def test_a_done_when_the_desk_never_sees_names_the_step_and_the_signals(tmp_path: Path) -> None:
    path = _broken(tmp_path, "done_when: line_added", "done_when: client_smiled")
    [problem] = check(load(path))
    assert problem.line == _line_of(path, "- id: order_taking")
    assert "'client_smiled'" in problem.message and "order_taking" in problem.message
    assert "line_added" in problem.fix and "ticked by hand" in problem.fix
