"""Call script versions: activating checks first, the newest valid one is in force, all are kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.script import library as library_module
from assistant.script.library import ScriptInvalid, ScriptLibrary, UnknownScriptVersion
from assistant.script.loader import version_of
from assistant.script.models import ScriptVersion
from assistant.script.shipped import FOLDER
from tests import factories as f

SHIPPED_EN = (FOLDER / "call-script.en.yaml").read_text(encoding="utf-8")
SHIPPED_HR = (FOLDER / "call-script.hr.yaml").read_text(encoding="utf-8")
GREETING = "Good morning, Order Desk, how may I help you?"


def _greeting(text: str) -> str:
    """The shipped English script with another greeting."""
    assert GREETING in SHIPPED_EN
    return SHIPPED_EN.replace(GREETING, text)


def _broken() -> str:
    """Two errors: an unknown variable in the greeting, a branch going to no step."""
    last = "      - goto: farewell\n"
    text = _greeting("Hello {nobody}").replace(last, "      - goto: nowhere\n" + last, 1)
    assert text.count("nowhere") == 1
    return text


def _rows(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(ScriptVersion)) or 0


@pytest.fixture
def library(session_factory: sessionmaker[Session]) -> ScriptLibrary:
    return ScriptLibrary(session_factory=session_factory)


def test_with_no_version_stored_the_shipped_file_is_in_force(library: ScriptLibrary) -> None:
    chosen = library.active("en")
    assert chosen.language == "en" and chosen.notice is None
    assert chosen.value.version == version_of(SHIPPED_EN)
    assert library.history() == []
    assert library.text("hr") == SHIPPED_HR


def test_an_activated_version_is_the_one_in_force(library: ScriptLibrary) -> None:
    info = library.activate(
        _greeting("Good day, Order Desk."), file_name="mine.yaml", actor=f.acting("ana")
    )
    assert not info.unchanged and info.id is not None
    assert (info.language, info.activated_by, info.file_name) == ("en", "ana", "mine.yaml")
    assert info.activated_at is not None
    chosen = library.active("en")
    assert chosen.value.version == info.version == version_of(_greeting("Good day, Order Desk."))
    assert chosen.value.steps["greeting"].say == "Good day, Order Desk."
    # The other language still follows its shipped file.
    assert library.active("hr").value.version == version_of(SHIPPED_HR)


def test_an_invalid_script_is_refused_with_every_problem_and_the_previous_stays(
    library: ScriptLibrary, session_factory: sessionmaker[Session]
) -> None:
    before = library.activate(_greeting("Good day."), file_name="good.yaml", actor=f.acting("ana"))
    with pytest.raises(ScriptInvalid) as refused:
        library.activate(_broken(), file_name="bad.yaml", actor=f.acting("ana"))
    err = refused.value
    assert err.code == "script_invalid"
    lines = err.message.splitlines()
    assert "bad.yaml" in lines[0] and "2 errors" in lines[0]
    greeting_line = _broken().splitlines().index("  - id: greeting") + 1
    nowhere_line = _broken().splitlines().index("      - goto: nowhere") + 1
    assert lines[1:] == [str(p) for p in err.found]
    assert [p.line for p in err.found] == [greeting_line, nowhere_line]
    assert any("{nobody}" in p.message and "client_name" in p.fix for p in err.found)
    assert any("'nowhere'" in p.message for p in err.found)
    assert [p["line"] for p in err.as_dict()["problems"]] == [greeting_line, nowhere_line]
    assert _rows(session_factory) == 1
    assert library.active("en").value.version == before.version


def test_a_file_that_is_not_yaml_is_refused_naming_its_line(library: ScriptLibrary) -> None:
    with pytest.raises(ScriptInvalid) as refused:
        library.activate(
            "language: en\nsteps: [\n  - id: x\n", file_name="x.yaml", actor=f.acting("ana")
        )
    [problem] = refused.value.found
    assert problem.line > 1 and "YAML" in problem.message and problem.fix
    assert library.history() == []


def test_the_same_text_again_adds_no_duplicate(
    library: ScriptLibrary, session_factory: sessionmaker[Session]
) -> None:
    first = library.activate(_greeting("Good day."), file_name="a.yaml", actor=f.acting("ana"))
    again = library.activate(_greeting("Good day."), file_name="b.yaml", actor=f.acting("ivo"))
    assert again.unchanged and (again.id, again.activated_by) == (first.id, "ana")
    assert _rows(session_factory) == 1
    shipped_again = library.activate(
        SHIPPED_HR, file_name="call-script.hr.yaml", actor=f.acting("ana")
    )
    assert shipped_again.unchanged and shipped_again.id is None
    assert _rows(session_factory) == 1


def test_history_is_newest_first_and_an_old_text_can_be_read(library: ScriptLibrary) -> None:
    one = library.activate(_greeting("One."), file_name="1.yaml", actor=f.acting("ana"))
    hr = library.activate(
        SHIPPED_HR.replace("doviđenja", "do viđenja"), file_name="h.yaml", actor=f.acting("iva")
    )
    two = library.activate(_greeting("Two."), file_name="2.yaml", actor=f.acting("ivo"))
    assert [v.id for v in library.history()] == [two.id, hr.id, one.id]
    assert [v.version for v in library.history("en")] == [two.version, one.version]
    assert not hasattr(library.history()[0], "source")
    assert library.source(one.id) == library.source(one.version) == _greeting("One.")
    assert library.text("en") == _greeting("Two.")
    # Going back is activating the old text again: a new version on top, in force.
    back = library.activate(library.source(one.id), file_name="1.yaml", actor=f.acting("ana"))
    assert not back.unchanged and library.active("en").value.version == one.version
    with pytest.raises(UnknownScriptVersion):
        library.source("000000000000")


def test_a_language_the_desk_does_not_speak_is_refused(library: ScriptLibrary) -> None:
    text = SHIPPED_EN.replace("language: en", "language: ru", 1)
    with pytest.raises(ScriptInvalid) as refused:
        library.activate(text, file_name="call-script.ru.yaml", actor=f.acting("ana"))
    [problem] = refused.value.found
    assert "'ru'" in problem.message and "'language: hr'" in problem.fix
    assert problem.line == text.splitlines().index("language: ru") + 1
    assert library.history() == []


def test_the_editor_s_language_must_be_the_file_s(library: ScriptLibrary) -> None:
    with pytest.raises(ScriptInvalid) as refused:
        library.activate(
            SHIPPED_EN, file_name="call-script.hr.yaml", actor=f.acting("ana"), language="hr"
        )
    [problem] = refused.value.found
    assert "'en'" in problem.message and "'language: hr'" in problem.fix


def test_an_activation_elsewhere_reaches_this_process_once_its_read_is_stale(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    live_page, cli = (ScriptLibrary(session_factory=session_factory) for _ in range(2))
    assert live_page.active("en").value.version == version_of(SHIPPED_EN)
    info = cli.activate(_greeting("From the CLI."), file_name="cli.yaml", actor=f.acting("ana"))
    monkeypatch.setattr(library_module, "FRESH_FOR", 0.0)
    assert live_page.active("en").value.version == info.version
