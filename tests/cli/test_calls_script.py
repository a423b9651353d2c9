"""An order from a call is checked against the call's script (R11, R12) through the CLI:
`desk card` returns the call, `desk calls answer` records answers, `desk order place`
refuses what was left undone without a reason, `desk calls show` reports it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from assistant.catalog.models import Product
from assistant.script.shipped import FOLDER
from tests import factories as f
from tests.cli.test_cli import _json, _order_file, desk_db  # noqa: F401 - fixture by name

pytestmark = pytest.mark.usefixtures("desk_db")


@pytest.fixture
def add_ons(session_factory) -> list[str]:
    """Items other marketers buy with oil, so M1 is offered them as add-ons."""
    today = date.today()
    skus = ["SALT", "PASTA", "RICE", "SUGAR", "TEA", "COFFEE", "HONEY", "JAM"]
    with session_factory.begin() as s:
        oil = s.query(Product).filter_by(sku="OIL").one()
        items = [
            f.product(s, sku, name=f"{sku.title()} 1 kg", prices={"C": "2"}, category=sku)
            for sku in skus
        ]
        for n in range(3):
            other = f.client(s, f"O{n}", type="marketer", manager=None)
            for week in range(4):
                day = today - timedelta(days=7 * (week + 1))
                f.history(s, other, oil, order_no=f"O{n}-{week}", day=day, qty=6)
                for item in items:
                    f.history(s, other, item, order_no=f"O{n}-{week}", day=day, qty=1)
    return skus


def _card() -> dict:
    code, card = _json(["card", "M1", "--json"])  # default flags: the call is recorded
    assert code == 0 and isinstance(card["call_id"], int)
    return card


def _place(tmp_path, call_id: int, **over) -> tuple[int, dict]:
    path = _order_file(tmp_path, lines=[{"sku": "OIL", "qty": 6}], call_id=call_id, **over)
    return _json(["order", "place", str(path), "--json"])


def test_an_order_with_the_new_item_unmentioned_is_refused_until_it_is_answered(
    tmp_path, add_ons
) -> None:
    card = _card()
    assert [i["sku"] for i in card["offers"]["new"]] == ["FLOUR"]
    code, refused = _place(tmp_path, card["call_id"])
    assert code == 1 and refused["error"] == "script_incomplete"
    by_requirement = {m["requirement"]: m for m in refused["missing"]}
    assert by_requirement["R11"]["step"] == "mention_new"
    assert "FLOUR" in by_requirement["R11"]["text"] or "Brašno" in by_requirement["R11"]["text"]
    assert by_requirement["R12"]["step"] == "addons"
    assert '"skipped"' in refused["message"]

    code, answered = _json(
        ["calls", "answer", str(card["call_id"]), "FLOUR", "--declined", "--json"]
    )
    assert (code, answered["accepted"]) == (0, False)
    addons = [i["sku"] for i in card["offers"]["addons"]]
    assert len(addons) >= 3
    for sku in addons[:3]:
        assert _json(["calls", "answer", str(card["call_id"]), sku, "--accepted", "--json"])[0] == 0
    code, placed = _place(tmp_path, card["call_id"])
    assert code == 0, placed

    _, shown = _json(["calls", "show", str(card["call_id"]), "--json"])
    assert shown["compliance"]["R11"] == "done" and shown["compliance"]["R12"] == "done"
    assert shown["compliance"]["R16"] == "done" and shown["skipped"] == {}


def test_a_reason_lets_the_order_through_and_is_kept_with_the_call(tmp_path, add_ons) -> None:
    card = _card()
    code, placed = _place(
        tmp_path,
        card["call_id"],
        skipped={"R11": "client in a hurry", "R12": "client in a hurry"},
    )
    assert code == 0, placed
    _, shown = _json(["calls", "show", str(card["call_id"]), "--json"])
    assert shown["compliance"]["R11"] == "skipped" and shown["compliance"]["R12"] == "skipped"
    assert shown["skipped"] == {"R11": "client in a hurry", "R12": "client in a hurry"}
    _, script = _json(["script", "show", "M1", "--json"])
    assert shown["script_version"] == script["version"]
    _, log = _json(["calls", "list", "--json"])
    assert log[0]["skipped"] == shown["skipped"]  # the call log carries the reasons too


def test_a_reason_for_one_requirement_does_not_excuse_another(tmp_path, add_ons) -> None:
    card = _card()
    code, refused = _place(tmp_path, card["call_id"], skipped={"R12": "client in a hurry"})
    assert code == 1 and [m["requirement"] for m in refused["missing"]] == ["R11"]


def test_an_order_from_another_channel_is_not_checked(tmp_path, add_ons) -> None:
    _card()
    code, placed = _json(["order", "place", str(_order_file(tmp_path)), "--json"])
    assert code == 0, placed


def test_bad_call_ids_and_reasons_are_refused_with_the_fix(tmp_path) -> None:
    code, out = _place(tmp_path, 999)
    assert code == 1 and out["field"] == "call_id" and "desk card" in out["message"]
    code, out = _place(tmp_path, _card()["call_id"], skipped=["R12"])
    assert code == 1 and out["field"] == "skipped" and "R12" in out["message"]
    code, out = _place(tmp_path, _card()["call_id"], skipped={"R12": ""})
    assert code == 1 and out["field"] == "skipped"


def test_answering_an_item_the_call_never_offered_is_refused() -> None:
    call_id = _card()["call_id"]
    code, out = _json(["calls", "answer", str(call_id), "NOPE", "--accepted", "--json"])
    assert code == 1 and "NOPE" in out["message"]
    code, out = _json(["calls", "answer", str(call_id), "FLOUR", "--json"])
    assert code == 1 and "--accepted or --declined" in out["message"]
    code, out = _json(["calls", "show", "4242", "--json"])
    assert code == 1 and "4242" in out["message"]


def test_a_refusal_names_the_steps_of_the_script_version_the_call_followed(
    tmp_path, add_ons
) -> None:
    shipped = FOLDER / "call-script.en.yaml"
    renamed = tmp_path / "call-script.en.yaml"
    text = shipped.read_text(encoding="utf-8")
    renamed.write_text(
        text.replace("- id: addons", "- id: more_items")
        .replace("goto: addons", "goto: more_items")
        .replace("next: addons", "next: more_items"),
        encoding="utf-8",
    )
    assert _json(["script", "activate", str(renamed), "--json"])[0] == 0
    card = _card()  # this call follows the version with "more_items"
    assert _json(["script", "activate", str(shipped), "--json"])[0] == 0
    code, refused = _place(tmp_path, card["call_id"])
    assert code == 1
    assert {m["requirement"]: m["step"] for m in refused["missing"]}["R12"] == "more_items"
