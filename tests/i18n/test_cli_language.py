"""The `desk` command speaks DESK_LANGUAGE to people; its JSON is the same in every language.

Run through the real Typer app (CliRunner) with DESK_LANGUAGE in the environment, as a shell
would: human text in Croatian with "1.234,56 €" and "27. 11. 2026."; --json with the same keys,
codes and numbers in hr and en; an error's "error" code the same, its "message" in the language.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from assistant.cli import app
from assistant.i18n import default_language, set_default_language
from tests import factories as f

runner = CliRunner()
TOMORROW = date.today() + timedelta(days=1)
HR_DATE = re.compile(r"\b\d{1,2}\. \d{1,2}\. \d{4}\.")


@pytest.fixture(autouse=True)
def _language_restored() -> Iterator[None]:
    """A run in hr sets the process's default language: the next tests read English again."""
    before = default_language()
    yield
    set_default_language(before)


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, monkeypatch: pytest.MonkeyPatch) -> str:
    """Client M1 with a manager, a credit limit, an open invoice and a staple product."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    today = date.today()
    with session_factory.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.manager(s, "HW", role="head")
        m1 = f.client(
            s,
            "M1",
            type="marketer",
            manager=mgr,
            phone="+385 1 234 5678",
            credit_limit=Decimal(50000),
        )
        f.receivable(s, m1, "INV-1", "1234.56", due=today + timedelta(days=20))
        oil = f.product(s, "OIL", name="Maslinovo ulje 1 l", prices={"A": "30", "C": "25.72"})
        for i in range(6):
            f.history(s, m1, oil, order_no=f"H{i}", day=today - timedelta(days=7 * (i + 1)), qty=6)
    return db_url


def _desk(language: str, *args: str) -> Result:
    return runner.invoke(app, list(args), env={"DESK_LANGUAGE": language})


def _read(result: Result) -> str:
    """What a person reads: Babel puts a no-break space between the amount and the €."""
    assert result.exit_code == 0, result.output
    return result.stdout.replace("\xa0", " ")


def _order_file(tmp_path: Path, **over: Any) -> Path:
    data = {
        "client": "M1",
        "idempotency_key": "i18n-1",
        # 48 x 25,72 € = 1.234,56 €
        "lines": [{"sku": "OIL", "qty": 48}],
        "delivery": {"date": TOMORROW.isoformat(), "window": "08-12"},
        "receiver": "Receiver of M1",
        "payment": "invoice (bank transfer)",
        "documents": ["invoice"],
    }
    data.update(over)
    path = tmp_path / "order.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _hr_day(day: date) -> str:
    return f"{day:%d}. {day:%m}. {day:%Y}."  # Babel pads: "04. 12. 2026."


def test_card_and_orders_as_text_in_croatian_with_local_money_and_dates(
    desk_db: str, tmp_path: Path
) -> None:
    out = _read(_desk("hr", "card", "M1"))
    assert "komercijalist Person MGR (prisutan)" in out
    assert "USMJERENJE: Primite narudžbu." in out
    assert "KREDIT: u redu." in out and "1.234,56 €" in out and "50.000,00 €" in out
    assert "CJENOVNI STUPAC: C" in out and "TRADICIONALNI ARTIKLI:" in out
    assert "RECITE: „Izvolite, što Vam danas mogu pripremiti?“" in out  # phrases.hr.yaml
    last = date.today() - timedelta(days=7)
    assert _hr_day(last) in out  # "last on 20. 11. 2026.": the staple's last order
    assert re.search(r"\(poziv \d+ zabilježen\)", out)
    assert not re.search(r"\b(ROUTE|CREDIT|manager|registered)\b", out)

    placed = _read(_desk("hr", "order", "place", str(_order_file(tmp_path))))
    assert re.match(r"Narudžba OD-\d+ zaprimljena: ukupno 1\.234,56 €, stupac C", placed)
    assert "OIL  48 x 25,72 € = 1.234,56 €" in placed

    [line] = _read(_desk("hr", "orders", "list")).splitlines()
    assert " zaprimljena " in line and "1.234,56 €" in line
    assert f"isporuka {_hr_day(TOMORROW)}" in line and HR_DATE.search(line)
    assert "placed" not in line and "deliver " not in line

    order_no = line.split()[0]
    moved = _read(_desk("hr", "orders", "advance", order_no))
    assert "zaprimljena -> prihvaćena (system)" in moved
    assert HR_DATE.search(moved.splitlines()[-1])


def _shape(value: Any) -> Any:
    """Keys everywhere, and every value a machine reads (numbers, booleans, None) as it is."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return "<text>" if isinstance(value, str) else value


def _json(language: str, *args: str) -> Any:
    result = _desk(language, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_has_the_same_keys_codes_and_numbers_in_hr_and_en(
    desk_db: str, tmp_path: Path
) -> None:
    card_hr = _json("hr", "card", "M1", "--no-record")
    card_en = _json("en", "card", "M1", "--no-record")
    assert _shape(card_hr) == _shape(card_en)
    assert card_hr["client"]["code"] == card_en["client"]["code"] == "M1"
    assert card_hr["route"]["action"] == card_en["route"]["action"] == "take_order"
    assert card_hr["credit"] == {**card_en["credit"], "reason": card_hr["credit"]["reason"]}
    assert card_hr["credit"]["balance"] == 1234.56  # a number, not "1.234,56 €"
    assert card_hr["price_column"] == card_en["price_column"] == "C"
    offered = {k: [(i["sku"], i["kind"]) for i in v] for k, v in card_hr["offers"].items()}
    assert offered == {k: [(i["sku"], i["kind"]) for i in v] for k, v in card_en["offers"].items()}
    # The prose follows the language; the codes above do not.
    assert card_hr["credit"]["reason"] != card_en["credit"]["reason"]
    assert (card_hr["say"]["language"], card_en["say"]["language"]) == ("hr", "en")
    assert card_hr["say"]["notice"] is None and card_hr["say"]["line"].startswith("Izvolite")

    placed = _json("hr", "order", "place", str(_order_file(tmp_path)))
    again = _json("en", "order", "place", str(_order_file(tmp_path)))  # the same key
    assert placed == {**again, "duplicate": False} and again["duplicate"] is True
    assert placed["total"] == 1234.56 and placed["status"] == "placed"

    listed_hr = _json("hr", "orders", "list")
    listed_en = _json("en", "orders", "list")
    assert listed_hr == listed_en
    assert listed_hr[0]["status"] == "placed"
    assert listed_hr[0]["delivery_date"] == TOMORROW.isoformat()
    assert listed_hr[0]["total"] == 1234.56

    shown_hr = _json("hr", "orders", "show", placed["order_no"])
    assert shown_hr == _json("en", "orders", "show", placed["order_no"])


@pytest.mark.parametrize(
    ("over", "error", "hr_words", "en_words"),
    [
        ({"client": "NOPE"}, "unknown_client", "Nijedan kupac nema šifru", "No client has"),
        (
            {"lines": [{"sku": "OIL", "qty": -1}]},
            "bad_quantity",
            "količina mora biti veća od 0",
            "quantity must be more than 0",
        ),
    ],
)
def test_an_error_in_json_keeps_its_code_and_says_its_message_in_the_language(
    desk_db: str, tmp_path: Path, over: dict, error: str, hr_words: str, en_words: str
) -> None:
    path = _order_file(tmp_path, **over)
    said = {}
    for language in ("hr", "en"):
        result = _desk(language, "order", "place", str(path), "--json")
        assert result.exit_code == 1, result.output
        said[language] = json.loads(result.stdout)
    assert said["hr"]["error"] == said["en"]["error"] == error
    assert said["hr"].keys() == said["en"].keys()
    assert said["hr"].get("field") == said["en"].get("field")
    assert hr_words in said["hr"]["message"] and en_words in said["en"]["message"]


def test_an_error_as_text_and_an_empty_list_in_croatian(desk_db: str) -> None:
    shown = _desk("hr", "orders", "show", "OD-999999")
    assert shown.exit_code == 1
    assert shown.stderr.strip() == "Greška: Nema narudžbe OD-999999."
    assert _read(_desk("hr", "calls", "list")).strip() == "Nema poziva."


def test_the_help_is_in_desk_language_from_the_start() -> None:
    """Help texts are built when the command is imported: a fresh process in hr shows them."""
    shell = (
        "import sys; from assistant.cli import main; "
        "sys.argv = ['desk', 'orders', '--help']; main()"
    )
    env = {**os.environ, "DESK_LANGUAGE": "hr", "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-c", shell], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Zaprimljene narudžbe (R18)." in done.stdout
    assert "Zaprimljene narudžbe, najnovije prve." in done.stdout
