"""Hostile text for the pages' own fields, and what every page must show afterwards."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.ui.widgets import UNEXPECTED_ERROR

# What a prankster, a spreadsheet or a paste from the wrong window puts into a text box.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "hyperlink": '=HYPERLINK("http://x")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1)",
    "sql": "'; DROP TABLE orders; --",
    "control": "a\x00b\x07c",
    "huge": "A" * 100_000,
}
# The same, without the 100 kB one: fields where one long value is tried on its own.
SHORT = {k: v for k, v in HOSTILE.items() if k != "huge"}
RAW_TAGS = ("<script", "<img")
# What the pages say when something failed that nobody foresaw (the log has the traceback).
CRASHED = (UNEXPECTED_ERROR.split(" and ")[0], "see the server log")


def calm(at: AppTest) -> AppTest:
    """No traceback, no "something went wrong", and no raw tag in markup drawn as HTML."""
    assert not at.exception, at.exception
    for error in at.error:
        assert not any(said in error.value for said in CRASHED), error.value[:300]
    for element in [*at.markdown, *at.caption]:
        if element.proto.allow_html:
            for tag in RAW_TAGS:
                assert tag not in element.value, element.value[:300]
    return at


def said(at: AppTest, kind: str = "error") -> str:
    """Every message of one kind (error, warning, info, success) on the page, as one text."""
    return " | ".join(str(e.value) for e in at.get(kind))
