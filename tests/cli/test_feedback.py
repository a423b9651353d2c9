"""`desk feedback list` and `desk feedback answer` through the installed entry point."""

from __future__ import annotations

import json

import pytest

from assistant.auth.rights import Actor
from assistant.cli import main
from assistant.feedback.items import FeedbackNote
from assistant.services import build_services
from tests import factories as f


@pytest.fixture
def desk_db(db_url: str, engine, session_factory, settings, monkeypatch: pytest.MonkeyPatch) -> int:
    """Two comments of M1 (quality, marketing); a head and an operator; the quality item's id."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    monkeypatch.delenv("DESK_USER", raising=False)
    with session_factory.begin() as s:
        f.columns(s)
        client_id = f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR")).id
        f.department(s, "quality")
        f.department(s, "marketing")
        f.user(s, "boss", "head")
        f.user(s, "ana", "operator")
    desk = build_services(settings)
    ana = Actor.of("ana", ["operator"])
    first = desk.feedback.note(
        FeedbackNote("quality", "Rancid oil."), actor=ana, client_id=client_id
    )
    desk.feedback.note(FeedbackNote("marketing", "Catalogue?"), actor=ana, client_id=client_id)
    desk.engine.dispose()
    return int(first)


def _desk(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.argv", ["desk", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return int(exited.value.code or 0), out.out, out.err


def test_a_head_lists_the_queue_and_answers_an_item(desk_db: int, monkeypatch, capsys) -> None:
    code, out, _err = _desk(
        ["--user", "boss", "feedback", "list", "--department", "quality", "--json"],
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    [row] = json.loads(out)
    assert (row["id"], row["department"], row["text"], row["status"], row["client"]) == (
        desk_db,
        "quality",
        "Rancid oil.",
        "new",
        "M1",
    )
    code, out, _err = _desk(
        ["--user", "boss", "feedback", "answer", str(desk_db), "--text", "Withdrawn.", "--json"],
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    answered = json.loads(out)
    assert (answered["status"], answered["answer"], answered["answered_by"]) == (
        "answered",
        "Withdrawn.",
        "boss",
    )
    code, out, _err = _desk(["feedback", "list", "--status", "open", "--json"], monkeypatch, capsys)
    assert [r["department"] for r in json.loads(out)] == ["marketing"]
    code, out, _err = _desk(["feedback", "list"], monkeypatch, capsys)  # text, as system
    assert code == 0 and "Catalogue?" in out


def test_bad_input_and_missing_rights_exit_1_with_the_reason(
    desk_db: int, monkeypatch, capsys
) -> None:
    code, out, _err = _desk(
        ["feedback", "list", "--department", "bakery", "--json"], monkeypatch, capsys
    )
    assert code == 1
    said = json.loads(out)
    assert said["error"] == "unknown_department" and "marketing, quality" in said["message"]
    code, out, _err = _desk(["feedback", "answer", str(desk_db), "--json"], monkeypatch, capsys)
    assert code == 1 and "Write the answer first" in json.loads(out)["message"]
    code, out, _err = _desk(
        ["--user", "ana", "feedback", "answer", str(desk_db), "--text", "x", "--json"],
        monkeypatch,
        capsys,
    )
    assert code == 1 and json.loads(out)["error"] == "forbidden"


def test_a_fresh_desk_init_has_the_five_departments_once(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    monkeypatch.delenv("DESK_USER", raising=False)
    for _run in range(2):  # an upgrade adds nothing twice
        code, _out, err = _desk(["init"], monkeypatch, capsys)
        assert (code, err) == (0, "")
    code, out, _err = _desk(
        ["feedback", "list", "--department", "x", "--json"], monkeypatch, capsys
    )
    assert code == 1
    assert json.loads(out)["message"].endswith(
        "use one of: finance, logistics, marketing, purchasing, quality."
    )
