"""Which language speaks: the browser's ask, DESK_LANGUAGE, a block that picks one."""

from __future__ import annotations

import threading

import pytest

from assistant.i18n import (
    _,
    default_language,
    language,
    preferred_language,
    set_default_language,
    set_language_source,
    use_language,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("hr-HR,hr;q=0.9,en-US;q=0.8,en;q=0.7", "hr"),
        ("en-GB,en;q=0.9,hr;q=0.8", "en"),
        ("de-DE,de;q=0.9,hr;q=0.5,en;q=0.4", "hr"),  # the first of OUR languages asked for
        ("en;q=0.3, hr;q=0.8", "hr"),  # the weight decides, not the order
        ("hr;q=0, en", "en"),  # q=0 means "not this one"
        ("de-DE,fr", None),
        ("", None),
        (None, None),
        ("hr;q=abc, en;q=0.5", "en"),  # a malformed weight is ignored, not a crash
        ("HR-hr", "hr"),
    ],
)
def test_accept_language_picks_the_desks_language_the_browser_prefers(
    header: str | None, expected: str | None
) -> None:
    assert preferred_language(header) == expected


def test_the_default_is_refused_when_not_a_desk_language() -> None:
    with pytest.raises(ValueError, match="use one of hr, en"):
        set_default_language("de")


def test_a_block_speaks_its_language_and_other_threads_keep_theirs() -> None:
    before = default_language()
    seen: dict[str, str] = {}
    try:
        set_default_language("hr")
        with use_language("en"):
            worker = threading.Thread(target=lambda: seen.update(thread=_("Language")))
            worker.start()
            worker.join()
            seen["block"] = _("Language")
        seen["after"] = _("Language")
    finally:
        set_default_language(before)
    assert seen == {"block": "Language", "thread": "Jezik", "after": "Jezik"}


def test_a_session_source_wins_over_the_default_but_not_over_a_block() -> None:
    before = default_language()
    try:
        set_default_language("hr")
        set_language_source(lambda: "en")
        assert language() == "en"
        with use_language("hr"):
            assert language() == "hr"
        set_language_source(lambda: None)  # outside a session: the default
        assert language() == "hr"
    finally:
        set_language_source(None)
        set_default_language(before)
