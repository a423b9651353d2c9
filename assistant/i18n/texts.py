"""Words for the client: texts kept per language, chosen in the language of the calls.

A text file that speaks to clients says its language, either in its name
(`phrases.hr.yaml`) and in a `language:` key, and the desk picks the one in the
operator's language, or another one with a notice the operator sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from assistant.i18n.catalog import LANGUAGES
from assistant.i18n.current import _, language, language_name

T = TypeVar("T")


@dataclass(frozen=True)
class Chosen(Generic[T]):
    """A text in the language found, with a notice when that is not the one wanted."""

    value: T
    language: str
    notice: str | None = None


def choose(by_language: Mapping[str, T], *, wanted: str | None = None) -> Chosen[T]:
    """The version in `wanted` (the language now), else the first other one, with a notice."""
    wanted = wanted or language()
    if not by_language:
        raise ValueError("no text in any language")
    if wanted in by_language:
        return Chosen(by_language[wanted], wanted)
    found = next((lang for lang in LANGUAGES if lang in by_language), next(iter(by_language)))
    notice = _("Not available in {wanted}: shown in {found}; read it out in your own words.")
    return Chosen(
        by_language[found],
        found,
        notice.format(wanted=language_name(wanted), found=_language_label(found)),
    )


def _language_label(code: str) -> str:
    return language_name(code) if code in LANGUAGES else code


class TextFileError(ValueError):
    """A text file for clients is unreadable or does not say its language right."""


def load_by_language(folder: Path, stem: str) -> dict[str, dict[str, Any]]:
    """Every `stem.<language>.yaml` in `folder`, checked to declare the language its name says."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob(f"{stem}.*.yaml")):
        code = path.suffixes[-2].lstrip(".")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise TextFileError(f"{path}: not valid YAML ({exc}); fix the marked line") from exc
        if not isinstance(data, dict) or data.get("language") != code:
            raise TextFileError(
                f"{path}: the file must start with 'language: {code}' (the language of its "
                "words, the same as in its name)"
            )
        if code not in LANGUAGES:
            raise TextFileError(
                f"{path}: language {code!r} is not one of the desk's ({', '.join(LANGUAGES)}); "
                "rename the file"
            )
        found[code] = data
    if not found:
        raise TextFileError(f"{folder}: no {stem}.<language>.yaml file (e.g. {stem}.hr.yaml)")
    return found
