"""Hostile Markdown saved in the knowledge editor is kept verbatim and indexed as text."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.knowledge.test_registry import kb

__all__ = ["kb"]  # the fixture: an editor over a fresh registry and store

HOSTILE = {
    "html": "# Returns\n<script>alert('x')</script> Returns within 8 days.",
    "sql": "# Returns\n'; DROP TABLE clients; -- Returns within 8 days.",
    "control": "# Returns\nbell\x07 escape\x1b[31m Returns within 8 days.",
    "nul": "# Returns\nbefore\x00after Returns within 8 days.",
    "huge": "# Returns\n" + "Returns within 8 days. " * 4_500,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_is_saved_verbatim_and_indexed(kb, text: str) -> None:
    editor, _registry, _store, _ = kb
    info = editor.save_text(source="procedures/returns.md", text=text, actor=f.acting("ana"))
    assert info.status == "indexed"
    assert editor.text_of("procedures/returns.md") == text
