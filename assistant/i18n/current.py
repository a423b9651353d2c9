"""Which language speaks now, and the gettext functions that follow it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.i18n.catalog import LANGUAGES, translations

_default = ["hr"]
_chosen: ContextVar[str | None] = ContextVar("desk_language", default=None)
# The screens tell us the language of the session being drawn (a script run may start in
# any thread, and a fragment reruns without the page's top), the CLI sets the default.
_source: list[Callable[[], str | None]] = []
_NAMES = {"hr": "Hrvatski", "en": "English"}


def set_default_language(language: str) -> None:
    """The language when nobody chose one (DESK_LANGUAGE)."""
    if language not in LANGUAGES:
        raise ValueError(
            f"DESK_LANGUAGE={language!r} is not a language of the desk: use one of "
            f"{', '.join(LANGUAGES)}"
        )
    _default[0] = language


def default_language() -> str:
    """The language when nobody chose one."""
    return _default[0]


def set_language_source(source: Callable[[], str | None] | None) -> None:
    """Ask `source` first for the language now (the UI: the session's choice)."""
    _source[:] = [source] if source else []


def language() -> str:
    """The language of what is being said now."""
    chosen = _chosen.get()
    if chosen:
        return chosen
    if _source and (found := _source[0]()):
        return found
    return _default[0]


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak `language` inside the block (a CLI run, a test, a text for a given client)."""
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not one of the desk's languages: {LANGUAGES}")
    token = _chosen.set(language)
    try:
        yield
    finally:
        _chosen.reset(token)


def _(message: str) -> str:
    """`message` in the language now."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the language now (Croatian has three)."""
    return translations(language()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a constant for the catalogue; `_()` translates it where it is shown."""
    return message


def language_name(language: str) -> str:
    """A language's own name, as its speakers would pick it from a list."""
    return _NAMES[language]


def preferred_language(accept_language: str | None) -> str | None:
    """The desk's language a browser asks for first (Accept-Language), if it asks for one."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _semi, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue  # a malformed weight says nothing; the other entries still count
        base = tag.strip().lower().split("-")[0]
        if base in LANGUAGES and weight > 0:
            ranked.append((-weight, position, base))
    return min(ranked)[2] if ranked else None
