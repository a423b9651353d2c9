"""The call script the desk ships, in the operator's language or another with a notice."""

from __future__ import annotations

from pathlib import Path

import knowledge
from assistant.i18n.texts import Chosen, choose, load_by_language
from assistant.script.loader import Script, load

FOLDER = Path(knowledge.__file__).parent / "script"
STEM = "call-script"


def shipped(folder: Path = FOLDER, *, wanted: str | None = None) -> Chosen[Script]:
    """The script file in the language now (each file checked to say its language)."""
    found = choose(load_by_language(folder, STEM), wanted=wanted)
    script = load(folder / f"{STEM}.{found.language}.yaml")
    return Chosen(script, found.language, found.notice)
