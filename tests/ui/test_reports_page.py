"""The Reports page in AppTest: heads see everyone, an operator only itself; the PDF reads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.reports.pdf import summary_pdf
from assistant.reports.period import ReportFilter
from assistant.ui.session_user import ACTOR_KEY
from tests import report_company as company

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "assistant/ui/pages/reports.py"


@pytest.fixture
def month(services: Any, session_factory, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    with session_factory.begin() as s:
        company.build(s)
    return services


def _page(actor: Actor) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[ACTOR_KEY] = actor
    at.run()
    at = at.switch_page(PAGE).run()
    at.date_input(key="rep_period").set_value((company.FROM, company.TO)).run()
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table(at: AppTest, column: str) -> Any:
    """The first table with `column` (AppTest does not keep a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_a_head_sees_everyone_and_narrows_to_one_operator(month: Any) -> None:
    at = _page(Actor.of("boss", ["head"]))
    assert not at.exception
    metrics = _metrics(at)
    assert (metrics["Calls"], metrics["Orders"], metrics["Orders refused for debt"]) == (
        "4",
        "2",
        "2",
    )
    assert list(_table(at, "operator")["operator"]) == ["ana", "marko"]
    reasons = [set(d.value["reason"]) for d in at.dataframe if "reason" in d.value.columns]
    assert set(company.EXPECTED["transfers"]) in reasons
    assert [c.key for c in at.get("download_button")]  # every table has its CSV
    at.selectbox(key="rep_operator").select("marko").run()
    assert _metrics(at)["Calls"] == "2"
    assert list(_table(at, "operator")["operator"]) == ["marko"]


def test_an_operator_sees_only_its_own_figures(month: Any) -> None:
    at = _page(Actor.of("ana", ["operator"]))
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "rep_operator"]
    assert _metrics(at)["Calls"] == str(company.ANA["calls"])
    assert list(_table(at, "operator")["operator"]) == ["ana"]
    assert "Your own figures: ana" in " ".join(c.value for c in at.caption)


def test_a_trainee_is_not_listed_the_page(month: Any) -> None:
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _page(Actor.of("nova", ["trainee"]))


def test_the_days_pdf_opens_and_reads_in_croatian(month: Any) -> None:
    from assistant.i18n import use_language

    where = ReportFilter(company.D1.date(), company.D1.date())
    with use_language("hr"):
        figures = month.reports.figures(where=where, actor=Actor.of("boss", ["head"]))
        data = summary_pdf(figures)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "10. 11. 2026." in text
    for words in ("Pozivi", "Narudžbe", "Key client: to KAM", "Quality", "R12"):
        assert words in text, words
    assert any(letter in text for letter in "čćđšž")
