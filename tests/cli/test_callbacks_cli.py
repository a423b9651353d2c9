"""`desk callbacks list [--status S] --json`, through the installed entry point (R22)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.auth.rights import Actor
from tests import factories as f
from tests.cli.test_cli_user import _desk
from tests.db.test_callbacks import request


@pytest.fixture
def queued(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    monkeypatch.delenv("DESK_USER", raising=False)
    with services.sessions.begin() as s:
        f.client(s, "K1", phone="+385 1 234 5678")
    services.callbacks.receive(request("later", hours=4, phone="+385 98 765 4321"))
    services.callbacks.receive(request("sooner", hours=1))
    return services


def test_the_queue_is_printed_as_json_by_window(queued, monkeypatch, capsys) -> None:
    code, out, _err = _desk(["callbacks", "list", "--json"], monkeypatch, capsys)
    assert code == 0
    rows = json.loads(out)
    assert [r["request_id"] for r in rows] == ["sooner", "later"]
    assert set(rows[0]) == {
        "id", "request_id", "name", "phone", "company", "topic", "window_from", "window_to",
        "status", "attempts", "overdue", "client",
    }  # fmt: skip
    assert (rows[0]["client"], rows[1]["client"], rows[0]["overdue"]) == ("K1", None, False)


def test_the_status_filter_and_a_bad_status(queued, monkeypatch, capsys) -> None:
    first = queued.callbacks.queue(actor=Actor.system())[0]
    queued.callbacks.attempt(first.id, outcome="answered", actor=Actor.system())
    code, out, _err = _desk(
        ["callbacks", "list", "--status", "done", "--json"], monkeypatch, capsys
    )
    assert code == 0 and [r["id"] for r in json.loads(out)] == [first.id]
    code, out, _err = _desk(["callbacks", "list"], monkeypatch, capsys)
    # As text: one line for the one still open (the answered one is done).
    assert code == 0 and out.count("\n") == 1 and "+385 98 765 4321" in out
    code, out, _err = _desk(
        ["callbacks", "list", "--status", "lost", "--json"], monkeypatch, capsys
    )
    assert code == 1 and "Unknown status" in json.loads(out)["message"]
