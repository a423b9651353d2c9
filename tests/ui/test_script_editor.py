"""The Call script tab of the editors' page in AppTest: check, refuse, activate, history."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.config import Settings
from assistant.script.loader import version_of
from assistant.script.shipped import FOLDER
from assistant.services import build_services
from assistant.ui.session_user import ACTOR_KEY
from tests.desk_env import desk_env

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/knowledge.py"
SHIPPED_EN = (FOLDER / "call-script.en.yaml").read_text(encoding="utf-8")
GREETING = "Good morning, Order Desk, how may I help you?"


@pytest.fixture
def desk(db_url: str, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty desk (no documents); ana is logged in as an editor (see _page)."""
    desk_env(monkeypatch, db_url, tmp_path, DESK_KNOWLEDGE_DIR=str(tmp_path / "sources"))
    st.cache_resource.clear()
    services = build_services(Settings())
    yield services
    services.engine.dispose()


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[ACTOR_KEY] = Actor.of("ana", ["editor"])
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _box(at: AppTest, version: str):
    return at.text_area(key=f"cs_text-en-{version}")


def _table(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_check_says_the_script_in_force_has_no_errors(desk) -> None:
    at = _page()
    assert _box(at, version_of(SHIPPED_EN)).value == SHIPPED_EN
    at.button(key="cs_check").click().run()
    assert any("No errors" in s.value for s in at.success)
    assert any("No version activated yet" in i.value for i in at.info)


def test_an_invalid_save_keeps_the_text_and_lists_each_line_and_fix(desk) -> None:
    at = _page()
    broken = SHIPPED_EN.replace(GREETING, "Hello {nobody}").replace("language: en", "language: hr")
    _box(at, version_of(SHIPPED_EN)).set_value(broken).run()
    at.button(key="cs_save").click().run()
    assert not at.exception, at.exception
    assert any("2 errors" in e.value and "in force stays" in e.value for e in at.error)
    problems = _table(at, "What is wrong")
    lines = broken.splitlines()
    assert problems["Line"].tolist() == [
        lines.index("language: hr") + 1,
        lines.index("  - id: greeting") + 1,
    ]
    assert "'language: en'" in problems["Fix"][0] and "{nobody}" in problems["What is wrong"][1]
    assert _box(at, version_of(SHIPPED_EN)).value == broken
    assert desk.scripts.history() == []
    assert desk.scripts.active("en").value.version == version_of(SHIPPED_EN)


def test_a_valid_save_activates_a_version_listed_in_the_history(desk) -> None:
    at = _page()
    edited = SHIPPED_EN.replace(GREETING, "Good day, Order Desk.")
    _box(at, version_of(SHIPPED_EN)).set_value(edited).run()
    at.button(key="cs_save").click().run()
    assert not at.exception, at.exception
    version = version_of(edited)
    assert any(version in s.value and "now in force" in s.value for s in at.success)
    assert desk.scripts.active("en").value.steps["greeting"].say == "Good day, Order Desk."
    history = _table(at, "Activated by")
    assert history[["Version", "Activated by", "File"]].values.tolist() == [
        [version, "ana", "call-script.en.yaml"]
    ]
    assert _box(at, version).value == edited
    [stored] = desk.scripts.history()
    at.selectbox(key="cs_old").set_value(stored.id).run()
    assert any(c.value == edited.rstrip() for c in at.code)  # st.code drops the last newline


def test_an_old_version_copied_into_the_editor_is_activated_again(desk) -> None:
    at = _page()
    one = SHIPPED_EN.replace(GREETING, "One.")
    two = SHIPPED_EN.replace(GREETING, "Two.")
    _box(at, version_of(SHIPPED_EN)).set_value(one).run()
    at.button(key="cs_save").click().run()
    _box(at, version_of(one)).set_value(two).run()
    at.button(key="cs_save").click().run()
    first = desk.scripts.history()[-1]
    assert first.version == version_of(one)
    at.selectbox(key="cs_old").set_value(first.id).run()
    at.button(key="cs_load_button").click().run()
    assert not at.exception, at.exception
    assert _box(at, version_of(two)).value == one
    assert desk.scripts.text("en") == two  # nothing activated yet
    at.button(key="cs_save").click().run()
    assert desk.scripts.text("en") == one
    assert [v.version for v in desk.scripts.history()] == [version_of(x) for x in (one, two, one)]
