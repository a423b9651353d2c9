"""The lines the operator says to the client, per language (phrases.<language>.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import RulesError
from assistant.i18n.texts import Chosen, TextFileError, choose, load_by_language

DEFAULTS_DIR = Path(__file__).resolve().parent
# Each line and the fields it may use: a reworded line keeps its fields, or the desk
# would say "{person}" to a client.
FIELDS: dict[str, set[str]] = {
    "take_order": set(),
    "transfer": {"person"},
    "take_message": {"person"},
    "credit_blocked": {"person"},
    "new_client": {"person"},
    "nobody": set(),
    "read_back": {"order_no", "total", "delivery"},
    "goodbye": set(),
}
_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Phrases:
    """Every line in every language the editors wrote."""

    by_language: dict[str, dict[str, str]]

    def line(self, name: str, *, wanted: str | None = None) -> Chosen[str]:
        """One line as written, in the language now (or another, with a notice)."""
        chosen = choose(self.by_language, wanted=wanted)
        return Chosen(chosen.value[name], chosen.language, chosen.notice)

    def say(self, name: str, **fields: str) -> Chosen[str]:
        """One line filled in, in the language now (or another, with a notice)."""
        chosen = self.line(name)
        return Chosen(chosen.value.format(**fields), chosen.language, chosen.notice)


def load_phrases(folder: Path | None = None) -> Phrases:
    """phrases.<language>.yaml of `folder` (the shipped ones by default), checked."""
    folder = folder if folder is not None and any(folder.glob("phrases.*.yaml")) else DEFAULTS_DIR
    try:
        files = load_by_language(folder, "phrases")
    except TextFileError as exc:
        raise RulesError(str(exc)) from exc
    return Phrases({code: _lines(folder, code, data) for code, data in files.items()})


def _lines(folder: Path, code: str, data: dict[str, Any]) -> dict[str, str]:
    where = folder / f"phrases.{code}.yaml"
    lines = data.get("lines")
    if not isinstance(lines, dict):
        raise RulesError(f"{where}: needs a 'lines:' mapping of {', '.join(FIELDS)}")
    missing = [name for name in FIELDS if not isinstance(lines.get(name), str)]
    unknown = [name for name in lines if name not in FIELDS]
    if missing or unknown:
        raise RulesError(
            f"{where}: "
            + "; ".join(
                part
                for part in (
                    f"lines missing: {', '.join(missing)}" if missing else "",
                    f"unknown lines: {', '.join(unknown)} (the desk uses {', '.join(FIELDS)})"
                    if unknown
                    else "",
                )
                if part
            )
        )
    for name, allowed in FIELDS.items():
        wrong = set(_FIELD.findall(lines[name])) - allowed
        if wrong:
            fields = ", ".join("{" + f + "}" for f in sorted(allowed)) or "no fields"
            raise RulesError(
                f"{where}: line {name!r} uses {', '.join(sorted(wrong))}; it may use {fields}"
            )
    return {name: lines[name] for name in FIELDS}
