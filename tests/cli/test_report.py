"""`desk report` through the installed entry point, on the month of known figures."""

from __future__ import annotations

import json

import pytest

from tests import factories as f
from tests import report_company as company
from tests.cli.test_cli import _desk  # the installed entry point, as a shell runs it


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    with session_factory.begin() as s:
        company.build(s)
        f.user(s, "ana", "operator")
    return db_url


PERIOD = ["--from", company.FROM.isoformat(), "--to", company.TO.isoformat()]


def test_the_json_figures_of_the_month(desk_db, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["report", *PERIOD, "--json"], monkeypatch, capsys)
    assert code == 0
    got = json.loads(out)
    assert {key: got[key] for key in company.EXPECTED} == company.EXPECTED
    assert isinstance(got["order_value"], float) and isinstance(got["calls"], int)


def test_operator_and_type_filters(desk_db, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["report", *PERIOD, "--operator", "ana", "--json"], monkeypatch, capsys)
    assert code == 0 and json.loads(out)["calls"] == company.ANA["calls"]
    code, out, _err = _desk(
        ["report", *PERIOD, "--type", "marketer", "--json"], monkeypatch, capsys
    )
    assert code == 0 and json.loads(out)["calls"] == company.MARKETERS["calls"]


def test_default_flags_print_text(desk_db, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["report", *PERIOD], monkeypatch, capsys)
    assert code == 0
    assert "Calls: 4" in out and "Orders refused for debt: 2" in out
    assert "Key client: to KAM" in out and "R12" in out


def test_an_operator_gets_its_own_figures(desk_db, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["--user", "ana", "report", *PERIOD, "--json"], monkeypatch, capsys)
    assert code == 0 and json.loads(out)["operator"] == "ana"
    code, out, _err = _desk(
        ["--user", "ana", "report", *PERIOD, "--operator", "marko", "--json"], monkeypatch, capsys
    )
    assert code == 1 and json.loads(out)["error"] == "forbidden"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--from", "2026-13-01", "--to", "2026-11-30"], "--from '2026-13-01' is not a date"),
        (["--from", "2026-11-30", "--to", "yesterday"], "--to 'yesterday' is not a date"),
        (["--from", "2026-11-30", "--to", "2026-11-01"], "starts (2026-11-30) after it ends"),
    ],
)
def test_bad_dates_exit_1_with_what_to_fix(desk_db, monkeypatch, capsys, args, said) -> None:
    code, _out, err = _desk(["report", *args], monkeypatch, capsys)
    assert code == 1 and said in err
