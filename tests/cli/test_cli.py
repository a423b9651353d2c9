"""The `desk` command in-process: exit codes together with the JSON it prints."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.catalog.models import SpecialPosition
from assistant.cli import app, main
from tests import factories as f

runner = CliRunner()


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    """A small company on the test database, and DESK_DATABASE_URL pointing at it."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    today = date.today()
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        kam = f.manager(s, "KAM", role="kam", available=False)
        f.manager(s, "KAM2", role="kam")
        f.manager(s, "HW", role="head")
        f.client(
            s,
            "M1",
            type="marketer",
            manager=mgr,
            phone="+385 1 234 5678",
            credit_limit=Decimal(5000),
        )
        f.client(s, "K1", type="key", manager=kam, phone="091 111 2222")
        oil = f.product(
            s, "OIL", name="Maslinovo ulje 1 l", prices={"A": "10", "C": "9", "D": "8.5"}
        )
        flour = f.product(
            s,
            "FLOUR",
            name="Brašno T-550 1 kg",
            prices={"A": "1", "C": "0.8", "D": "0.7"},
            new_since=today - timedelta(days=5),
        )
        m1 = s.query(f.Client).filter_by(code="M1").one()
        for i in range(6):
            f.history(s, m1, oil, order_no=f"H{i}", day=today - timedelta(days=7 * (i + 1)), qty=6)
        f.history(s, m1, flour, order_no="H0", day=today - timedelta(days=7), qty=10)
    return db_url


def _json(args: list[str]) -> tuple[int, dict]:
    result = runner.invoke(app, args)
    return result.exit_code, json.loads(result.stdout)


def test_card_by_phone_prints_client_route_credit_column_and_offers(desk_db: str) -> None:
    code, card = _json(["card", "01/234-5678", "--json"])
    assert code == 0
    assert card["client"]["code"] == "M1"
    assert card["client"]["manager"] == {
        "code": "MGR",
        "name": "Person MGR",
        "role": "manager",
        "available": True,
    }
    assert card["route"]["action"] == "take_order" and card["route"]["to"] is None
    assert card["credit"]["blocked"] is False and card["credit"]["limit"] == 5000.0
    assert card["price_column"] == "C"
    assert set(card["offers"]) == {"new", "special", "traditional", "addons"}
    assert card["offers"]["traditional"][0]["sku"] == "OIL"
    assert isinstance(card["call_id"], int)


def test_card_of_a_key_client_with_an_absent_kam_names_the_other_kam_R4(desk_db: str) -> None:
    code, card = _json(["card", "K1", "--json", "--no-record"])
    assert code == 0
    assert card["route"] == {
        "action": "transfer",
        "to": {"code": "KAM2", "name": "Person KAM2", "role": "kam"},
        "reason": card["route"]["reason"],
    }
    assert "absent" in card["route"]["reason"]
    assert "call_id" not in card


def test_card_of_an_unknown_phone_is_a_new_caller_for_the_head_R5(desk_db: str) -> None:
    code, card = _json(["card", "+385 99 000 0000", "--json"])
    assert code == 0
    assert card["client"] is None
    assert card["route"]["action"] == "transfer" and card["route"]["to"]["code"] == "HW"
    _, calls = 0, json.loads(runner.invoke(app, ["calls", "list", "--json"]).stdout)
    assert calls[0]["phone"] == "+385990000000" and calls[0]["client"] is None


def _desk(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run the installed entry point (`desk = assistant.cli:main`) as a shell would."""
    monkeypatch.setattr("sys.argv", ["desk", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def _offers_of_every_kind(session_factory) -> None:
    """Give M1 a new item, a special position, its staples and add-ons to be offered."""
    today = date.today()
    with session_factory.begin() as s:
        other = f.client(s, "M2", type="marketer")
        oil = s.query(f.Product).filter_by(sku="OIL").one()
        vinegar = f.product(s, "VINEGAR", name="Vinski ocat 1 l", prices={"C": "2"})
        f.product(s, "SALT", name="Morska sol 1 kg", prices={"C": "1"})
        sugar = f.product(s, "SUGAR", name="Šećer 1 kg", prices={"C": "1.2"})
        f.product(s, "RICE", name="Riža 1 kg", prices={"C": "2.5"}, new_since=today)
        s.add(
            SpecialPosition(
                product_id=sugar.id,
                title="Sugar week",
                valid_from=today - timedelta(days=1),
                valid_to=today + timedelta(days=6),
            )
        )
        for i in range(4):
            day = today - timedelta(days=3 * (i + 1))
            f.history(s, other, oil, order_no=f"O{i}", day=day)
            f.history(s, other, vinegar, order_no=f"O{i}", day=day)


def test_desk_card_records_a_call_with_offers_of_all_four_kinds(
    desk_db: str, session_factory, monkeypatch, capsys
) -> None:
    _offers_of_every_kind(session_factory)
    code, out, err = _desk(["card", "M1", "--json"], monkeypatch, capsys)
    assert (code, err) == (0, ""), out
    card = json.loads(out)
    assert all(card["offers"][kind] for kind in ("new", "special", "traditional", "addons"))
    shown = {(i["sku"], i["kind"]) for items in card["offers"].values() for i in items}
    code, out, _ = _desk(["calls", "list", "--json"], monkeypatch, capsys)
    assert code == 0
    [call] = json.loads(out)
    assert call["id"] == card["call_id"] and call["client"] == "M1"
    assert {(o["sku"], o["kind"]) for o in call["offers"]} == shown


def test_desk_card_as_text_registers_the_call(
    desk_db: str, session_factory, monkeypatch, capsys
) -> None:
    _offers_of_every_kind(session_factory)
    code, out, err = _desk(["card", "M1"], monkeypatch, capsys)
    assert (code, err) == (0, ""), out
    assert "ADDONS:" in out and "registered)" in out


def test_the_order_commands_with_default_flags_print_text_and_exit_0(
    desk_db: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    path = _order_file(tmp_path)
    code, out, err = _desk(["order", "place", str(path)], monkeypatch, capsys)
    assert (code, err) == (0, ""), out
    assert out.startswith("Order ") and "placed: total €22.00, column C" in out
    order_no = out.split()[1]
    code, out, _ = _desk(["orders", "list"], monkeypatch, capsys)
    assert code == 0 and out.startswith(f"{order_no}  placed")
    code, out, _ = _desk(["orders", "show", order_no], monkeypatch, capsys)
    assert code == 0 and "OIL  Maslinovo ulje 1 l  2 x €9.00" in out
    code, out, _ = _desk(["orders", "advance", order_no], monkeypatch, capsys)
    assert code == 0 and "placed -> accepted by system" in out


def test_calls_list_with_default_flags_prints_one_line_per_call(
    desk_db: str, monkeypatch, capsys
) -> None:
    assert _desk(["card", "M1"], monkeypatch, capsys)[0] == 0
    code, out, err = _desk(["calls", "list"], monkeypatch, capsys)
    assert (code, err) == (0, "")
    [line] = out.splitlines()
    assert " incoming Order " in line and " M1 " in line


def test_import_with_default_flags_reports_rejected_rows_and_exits_1(
    desk_db: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    export = tmp_path / "managers.csv"
    export.write_text(
        "code,name,role,department,available\n"
        "M9,Mara Horvat,manager,wholesale,yes\n"
        "M8,,manager,wholesale,yes\n"
    )
    code, out, _ = _desk(["import", "managers", str(export)], monkeypatch, capsys)
    assert code == 1
    assert "managers: 2 rows read, 1 inserted, 0 updated, 1 rejected." in out
    assert "line 3: name is empty" in out


def test_init_with_default_flags_creates_the_schema(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    code, out, err = _desk(["init"], monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert out.startswith("Schema ready at sqlite:///")


def _order_file(tmp_path: Path, **over) -> Path:
    data = {
        "client": "M1",
        "idempotency_key": "cli-1",
        "lines": [{"sku": "OIL", "qty": 2}, {"sku": "FLOUR", "qty": 5}],
        "delivery": {"date": (date.today() + timedelta(days=1)).isoformat(), "window": "8-12"},
        "receiver": "Ana",
        "payment": "invoice",
        "documents": ["invoice"],
    }
    data.update(over)
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data))
    return path


def test_order_place_prints_the_order_and_a_retry_prints_the_same_one(
    desk_db: str, tmp_path: Path
) -> None:
    path = _order_file(tmp_path)
    code, placed = _json(["order", "place", str(path), "--json"])
    assert code == 0
    assert placed["total"] == 22.0 and placed["price_column"] == "C"
    assert placed["lines"][0] == {
        "sku": "OIL",
        "name": "Maslinovo ulje 1 l",
        "qty": 2.0,
        "list_price": 9.0,
        "discount_percent": 0.0,
        "discount_code": None,
        "unit_price": 9.0,
        "line_total": 18.0,
    }
    assert placed["discounts"] == []
    code, again = _json(["order", "place", str(path), "--json"])
    assert code == 0 and again["order_no"] == placed["order_no"]
    _, listed = _json(["orders", "list", "--json"])
    assert [o["order_no"] for o in listed] == [placed["order_no"]]


@pytest.mark.parametrize(
    ("over", "error"),
    [
        ({"client": "NOPE"}, "unknown_client"),
        ({"client": "K1"}, "must_transfer"),
        ({"lines": [{"sku": "XXX", "qty": 1}]}, "unknown_sku"),
        ({"lines": [{"sku": "OIL", "qty": -1}]}, "bad_quantity"),
        ({"delivery": {"date": "2000-01-01"}}, "invalid_delivery"),
    ],
)
def test_a_refused_order_exits_1_with_a_code_and_writes_nothing(
    desk_db: str, tmp_path: Path, over: dict, error: str
) -> None:
    code, out = _json(["order", "place", str(_order_file(tmp_path, **over)), "--json"])
    assert code == 1
    assert out["error"] == error and out["message"]
    assert _json(["orders", "list", "--json"])[1] == []


def test_a_key_client_order_goes_through_with_an_override_reason(
    desk_db: str, tmp_path: Path
) -> None:
    path = _order_file(tmp_path, client="K1")
    code, out = _json(
        ["order", "place", str(path), "--override-route", "KAM on leave, agreed", "--json"]
    )
    assert code == 0 and out["price_column"] == "D"


def test_a_file_that_is_not_json_is_refused_in_words(desk_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    result = runner.invoke(app, ["order", "place", str(bad)])
    assert result.exit_code == 1
    assert "is not valid JSON" in result.stderr


def test_commands_on_an_empty_database_say_to_run_desk_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    code, out = _json(["card", "K1", "--json"])
    assert code == 1 and out["error"] == "database_not_ready" and "desk init" in out["message"]
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0 and "Schema ready" in result.stdout
    assert _json(["orders", "list", "--json"]) == (0, [])
