"""`desk --user NAME` (or DESK_USER) and `desk audit list`, through the installed entry point."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from assistant.cli import main
from assistant.orders.models import Order
from tests import factories as f


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    """A client with one product; users of several roles; DESK_DATABASE_URL set."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    monkeypatch.delenv("DESK_USER", raising=False)
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"))
        f.product(s, "OIL", prices={"C": "9"})
        f.user(s, "ana", "operator")
        f.user(s, "nova", "trainee")
        f.user(s, "boss", "head")
        f.user(s, "gone", "operator", disabled=True)
    return db_url


def _desk(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run the installed entry point (`desk = assistant.cli:main`) as a shell would."""
    monkeypatch.setattr("sys.argv", ["desk", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def _order(tmp_path: Path, key: str = "cli-1") -> str:
    path = tmp_path / f"{key}.json"
    path.write_text(
        json.dumps(
            {
                "client": "M1",
                "idempotency_key": key,
                "lines": [{"sku": "OIL", "qty": 2}],
                "delivery": {"date": (date.today() + timedelta(days=1)).isoformat()},
                "receiver": "Ana",
                "payment": "invoice",
                "documents": ["invoice"],
            }
        )
    )
    return str(path)


def _orders(session_factory) -> int:
    with session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def test_an_operator_places_an_order_as_itself(desk_db, tmp_path, monkeypatch, capsys) -> None:
    code, out, _err = _desk(
        ["--user", "ana", "order", "place", _order(tmp_path), "--json"], monkeypatch, capsys
    )
    assert code == 0, out
    order_no = json.loads(out)["order_no"]
    code, out, _err = _desk(["orders", "show", order_no, "--json"], monkeypatch, capsys)
    assert json.loads(out)["operator"] == "ana"


def test_a_refused_command_prints_forbidden_exits_1_and_writes_nothing(
    desk_db, session_factory, tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("DESK_USER", "nova")
    code, out, _err = _desk(["order", "place", _order(tmp_path), "--json"], monkeypatch, capsys)
    assert code == 1
    assert json.loads(out) == {
        "error": "forbidden",
        "message": "Placing orders is not for trainees: practise on a training call.",
    }
    assert _orders(session_factory) == 0
    code, out, _err = _desk(
        ["--user", "ana", "orders", "advance", "OD-000001", "--json"], monkeypatch, capsys
    )
    assert (code, json.loads(out)["error"]) == (1, "forbidden")
    assert json.loads(out)["message"] == "Moving an order's status needs the head of sales role."


def test_an_unknown_or_disabled_user_is_refused_with_what_to_do(
    desk_db, session_factory, tmp_path, monkeypatch, capsys
) -> None:
    code, out, _err = _desk(
        ["--user", "nobody", "order", "place", _order(tmp_path), "--json"], monkeypatch, capsys
    )
    assert code == 1 and "There is no desk user 'nobody'" in json.loads(out)["message"]
    code, _out, err = _desk(
        ["--user", "gone", "order", "place", _order(tmp_path)], monkeypatch, capsys
    )
    assert code == 1 and "Error: The desk user 'gone' is disabled" in err
    assert _orders(session_factory) == 0


def test_audit_list_shows_changes_and_refusals_to_heads_only(
    desk_db, tmp_path, monkeypatch, capsys
) -> None:
    assert _desk(["--user", "ana", "order", "place", _order(tmp_path)], monkeypatch, capsys)[0] == 0
    assert (
        _desk(["--user", "nova", "order", "place", _order(tmp_path, "k2")], monkeypatch, capsys)[0]
        == 1
    )
    assert _desk(["order", "place", _order(tmp_path, "k3")], monkeypatch, capsys)[0] == 0
    code, out, _err = _desk(
        ["--user", "boss", "audit", "list", "--action", "order.place", "--json"],
        monkeypatch,
        capsys,
    )
    assert code == 0
    assert [(r["actor"], r["outcome"]) for r in json.loads(out)] == [
        ("system", "ok"),
        ("nova", "forbidden"),
        ("ana", "ok"),
    ]
    since = (date.today() + timedelta(days=1)).isoformat()
    code, out, _err = _desk(
        ["audit", "list", "--user", "ana", "--since", since, "--json"], monkeypatch, capsys
    )
    assert (code, json.loads(out)) == (0, [])
    code, out, _err = _desk(["--user", "ana", "audit", "list", "--json"], monkeypatch, capsys)
    assert (code, json.loads(out)["error"]) == (1, "forbidden")


@pytest.mark.parametrize(
    "args",
    [["orders", "list"], ["calls", "list"], ["calls", "show", "1"], ["card", "M1"], ["ask", "x"]],
)
def test_a_trainee_reads_no_client_data_from_the_cli(desk_db, args, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["--user", "nova", *args, "--json"], monkeypatch, capsys)
    assert (code, json.loads(out)["error"]) == (1, "forbidden"), out
    assert json.loads(out)["message"].startswith("Reading client data and prices needs")
    code, out, _err = _desk(["--user", "boss", "orders", "list", "--json"], monkeypatch, capsys)
    assert (code, json.loads(out)) == (0, [])
