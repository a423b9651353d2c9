"""The shipped message catalogues: one .po file per language, compiled in memory on first use."""

from __future__ import annotations

import threading
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("hr", "en")
DOMAIN = "desk"
HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / f"{DOMAIN}.pot"
LOCALES = HERE / "locales"
_lock = threading.Lock()


def po_path(language: str) -> Path:
    """Where the catalogue of `language` lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _compiled(language: str) -> Translations:
    # The .po is the one source: compiling it here means no stale .mo can ever ship.
    with po_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)  # fuzzy entries stay out, as gettext would have it
    mo.seek(0)
    return Translations(fp=mo, domain=DOMAIN)


def translations(language: str) -> Translations:
    """The compiled catalogue of one of the desk's languages."""
    if language not in LANGUAGES:
        raise ValueError(f"no catalogue for {language!r}: the desk speaks {', '.join(LANGUAGES)}")
    with _lock:  # sessions start in parallel threads; compile each catalogue once
        return _compiled(language)
