"""Texts of the rule files that people read, kept by language and chosen when read.

A text is `{hr: "...", en: "..."}`, or a plain string in the language the file declares
in its top-level `language:` key (en when it has none).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo

from assistant.i18n import LANGUAGES, _
from assistant.i18n.texts import Chosen, choose

# The language of plain-string texts in a file that does not say (files written before
# texts came in two languages were English).
FILE_LANGUAGE_DEFAULT = "en"


def _by_language(value: Any, info: ValidationInfo) -> dict[str, str]:
    """A text as {language: text}: a mapping by language, or a plain string in the file's."""
    if isinstance(value, str):
        context = info.context or {}
        value = {context.get("language", FILE_LANGUAGE_DEFAULT): value}
    if not isinstance(value, Mapping) or not value:
        raise ValueError(
            _(
                'write the text as a string or by language, e.g. {{hr: "...", en: "..."}} '
                "(got {value!r})"
            ).format(value=value)
        )
    texts: dict[str, str] = {}
    for language, text in value.items():
        if language not in LANGUAGES:
            raise ValueError(
                _(
                    "{language!r} is not a language of the desk: key the text by hr and en, "
                    'e.g. {{hr: "...", en: "..."}}'
                ).format(language=language)
            )
        if not isinstance(text, str) or not text.strip():
            raise ValueError(
                _(
                    "the {language} text is empty or not a string: write it in quotes, or "
                    "leave the {language} key out"
                ).format(language=language)
            )
        texts[str(language)] = text.strip()
    return texts


# A text a person reads, by language (see the module docstring).
Texts = Annotated[dict[str, str], BeforeValidator(_by_language)]


def say(texts: Mapping[str, str]) -> Chosen[str]:
    """The text in the language now, or in another one with the notice to show beside it."""
    return choose(texts)


def with_notice(chosen: Chosen[str]) -> str:
    """The chosen text, followed by its notice when it is not in the language now."""
    return chosen.value if chosen.notice is None else f"{chosen.value} ({chosen.notice})"
