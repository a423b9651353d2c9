"""`desk users`: add, list, disable and passwd through the `desk` command."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from assistant.auth.models import AuditEntry
from assistant.auth.users import LoginRefused, UserBook
from assistant.cli import app

runner = CliRunner()
PASSWORD = "a long enough secret"


@pytest.fixture
def desk_db(db_url: str, engine, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    return db_url


def _desk(*args: str, stdin: str | None = None) -> tuple[int, Any, str]:
    result = runner.invoke(app, ["users", *args], input=stdin)
    try:
        out = json.loads(result.stdout)
    except json.JSONDecodeError:
        out = result.stdout
    return result.exit_code, out, result.stderr


def test_the_first_admin_is_added_from_stdin_and_can_log_in(desk_db, session_factory) -> None:
    code, out, _err = _desk(
        "add", "admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0 and out.strip() == "User admin added: admin."
    actor = UserBook(session_factory=session_factory).authenticate(name="admin", password=PASSWORD)
    assert actor.roles == {"admin"}
    with session_factory() as s:
        [row] = s.scalars(select(AuditEntry).where(AuditEntry.action == "user.add")).all()
        stored = s.execute(text("select password_hash from users")).scalar_one()
    assert row.actor == "system" and stored.startswith("$argon2id$")


def test_list_json_gives_roles_and_never_a_hash(desk_db) -> None:
    _desk(
        "add",
        "ana.horvat",
        "--role",
        "operator",
        "--role",
        "head",
        "--password-stdin",
        stdin=PASSWORD,
    )
    _desk("add", "iva", "--role", "editor", "--email", "iva@firma.hr")
    code, users, _err = _desk("list", "--json")
    assert code == 0
    assert [(u["name"], u["roles"], u["email"]) for u in users] == [
        ("ana.horvat", ["operator", "head"], None),
        ("iva", ["editor"], "iva@firma.hr"),
    ]
    assert all("password" not in key for u in users for key in u)


def test_a_duplicate_name_exits_1_with_the_way_out(desk_db) -> None:
    _desk("add", "ana", "--role", "operator", "--password-stdin", stdin=PASSWORD)
    code, out, _err = _desk(
        "add", "ana", "--role", "head", "--password-stdin", "--json", stdin=PASSWORD
    )
    assert code == 1 and out["error"] == "invalid_user"
    assert "exists already" in out["message"] and "desk users passwd ana" in out["message"]


def test_an_unknown_role_and_a_missing_password_are_refused_clearly(desk_db) -> None:
    code, out, _err = _desk(
        "add", "bo", "--role", "pilot", "--password-stdin", "--json", stdin=PASSWORD
    )
    assert code == 1 and "Roles pilot: give one or more of operator" in out["message"]
    code, out, _err = _desk(
        "add", "bo", "--role", "operator", "--password-stdin", "--json", stdin=""
    )
    assert code == 1 and out["message"].startswith("No password on stdin")
    code, _out, err = _desk("add", "bo", "--role", "operator")
    assert code == 1 and "Give a password (--password-stdin) or an e-mail" in err
    assert _desk("list", "--json")[1] == []


def test_disable_stops_the_login_and_passwd_changes_the_password(desk_db, session_factory) -> None:
    _desk("add", "ana", "--role", "operator", "--password-stdin", stdin=PASSWORD)
    book = UserBook(session_factory=session_factory)
    code, out, _err = _desk("passwd", "ana", "--password-stdin", stdin="another secret 42\n")
    assert code == 0 and out.strip() == "Password of ana changed."
    assert book.authenticate(name="ana", password="another secret 42").name == "ana"
    code, out, _err = _desk("disable", "ana", "--json")
    assert code == 0 and out["disabled"] is True
    with pytest.raises(LoginRefused):
        book.authenticate(name="ana", password="another secret 42")


def test_changing_an_unknown_user_exits_1(desk_db) -> None:
    code, out, _err = _desk("disable", "zed", "--json")
    assert code == 1 and out == {
        "error": "unknown_user",
        "message": "No user is named zed: see `desk users list`.",
    }
