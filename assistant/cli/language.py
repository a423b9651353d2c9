"""The CLI speaks DESK_LANGUAGE; its JSON keys and error codes are the same in every language."""

from __future__ import annotations

from pydantic import ValidationError

from assistant.config import Settings
from assistant.i18n import set_default_language


def settle_language() -> None:
    """Speak DESK_LANGUAGE (hr unless set); a wrong value is reported when the command runs."""
    try:
        language = Settings().language
    except ValidationError:
        language = "hr"
    set_default_language(language)
