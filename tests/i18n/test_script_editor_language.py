"""The Call script tab speaks Croatian: its labels, a refusal with its lines, and the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from assistant.i18n import use_language
from assistant.script.loader import version_of
from assistant.script.shipped import FOLDER
from tests.ui.steps import logged_in
from tests.ui.test_script_editor import desk  # noqa: F401 - an empty desk, operator ana

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/knowledge.py"
SHIPPED_HR = (FOLDER / "call-script.hr.yaml").read_text(encoding="utf-8")


def _run(runnable: Any) -> AppTest:
    """Run the app (or the app after a widget's change) as a Croatian session."""
    with use_language("hr"):  # AppTest reads the drawn options back in the test's thread
        at: AppTest = runnable.run()
    assert not at.exception, at.exception
    return at


def test_the_call_script_tab_refuses_and_activates_in_croatian(desk) -> None:  # noqa: F811
    at = logged_in(AppTest.from_file(APP, default_timeout=60))
    at.session_state["language"] = "hr"
    at = _run(_run(at).switch_page(PAGE))
    assert "Scenarij poziva" in [t.label for t in at.tabs]
    assert at.radio(key="cs_language").value == "hr"
    box = at.text_area(key=f"cs_text-hr-{version_of(SHIPPED_HR)}")
    assert box.label.startswith("Scenarij poziva") and box.value == SHIPPED_HR
    assert at.button(key="cs_save").label == "Spremi i aktiviraj"
    wrong = SHIPPED_HR.replace("language: hr", "language: en", 1)
    box.set_value(wrong)
    at = _run(at.button(key="cs_save").click())
    assert any(e.value.startswith("1 greška: dok se ne ispravi") for e in at.error)
    [problems] = [d.value for d in at.dataframe if "Redak" in d.value.columns]
    assert problems["Što nije u redu"].tolist() == ["ovo je scenarij za jezik 'en'"]
    assert "'language: hr'" in problems["Kako ispraviti"][0]
    edited = SHIPPED_HR.replace("doviđenja", "do viđenja")
    at.text_area(key=f"cs_text-hr-{version_of(SHIPPED_HR)}").set_value(edited)
    at = _run(at.button(key="cs_save").click())
    assert any("sada je na snazi" in s.value for s in at.success)
    [history] = [d.value for d in at.dataframe if "Tko je aktivirao" in d.value.columns]
    assert history["Jezik"].tolist() == ["Hrvatski"]
