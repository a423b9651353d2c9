"""Keeps the catalogues whole: `check` (run by make lint) and `fill` (translators' batches).

python -m assistant.i18n.maintain check EXTRACTED.pot   # what pybabel extract found now
python -m assistant.i18n.maintain fill BATCH.json       # {"msgid": {"hr": ..., "en": ...}}
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from assistant.i18n.catalog import LANGUAGES, TEMPLATE, po_path

_FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=language)


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple: one text, or the plural forms."""
    if isinstance(value, list | tuple):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


def _ids(catalog: Catalog) -> set[str]:
    return {_texts(m.id)[0] for m in catalog if m.id}


def problems(extracted: Catalog) -> list[str]:
    """Everything that keeps the catalogues from matching the code, one line each."""
    found: list[str] = []
    wanted = _ids(extracted)
    template = _ids(_read(TEMPLATE))
    found += [f"not in {TEMPLATE.name}: {m!r}; run make messages" for m in wanted - template]
    found += [f"in {TEMPLATE.name} but gone from the code: {m!r}" for m in template - wanted]
    for language in LANGUAGES:
        catalog = _read(po_path(language), language)
        for message in extracted:
            if not message.id:
                continue
            entry = catalog.get(_texts(message.id)[0])
            found += [f"{language}: {p}" for p in _translation_problems(entry)]
            if entry is None:
                found.append(
                    f"{language}: no entry for {_texts(message.id)[0]!r}; run make messages"
                )
        found += [
            f"{language}: obsolete entry {m!r}; run make messages" for m in _ids(catalog) - wanted
        ]
    return found


def _translation_problems(message: Message | None) -> list[str]:
    if message is None:
        return []
    ids, strings = _texts(message.id), _texts(message.string)
    if message.fuzzy:
        return [f"fuzzy (unchecked) translation of {ids[0]!r}"]
    if not all(strings):
        return [f"missing translation of {ids[0]!r}"]
    fields = set(_FIELD.findall(ids[-1])) | set(_FIELD.findall(ids[0]))
    return [
        f"translation {text!r} of {ids[0]!r} has fields {sorted(set(_FIELD.findall(text)))}, "
        f"the message {sorted(fields)}"
        for text in strings
        if set(_FIELD.findall(text)) - fields
    ]


def fill(batch: dict[str, dict[str, object]]) -> int:
    """Writes a translator's batch into the catalogues; English defaults to the message id."""
    filled = 0
    for language in LANGUAGES:
        path = po_path(language)
        catalog = _read(path, language)
        for message in catalog:
            key = _texts(message.id)[0]
            if not key:
                continue
            given = batch.get(key, {}).get(language)
            if given is None and language == "en" and not _translated(message):
                given = list(message.id) if isinstance(message.id, tuple) else message.id
            if given is None:
                continue
            message.string = _texts(given) if isinstance(message.id, tuple) else str(given)
            message.flags.discard("fuzzy")
            filled += 1
        with path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, sort_output=False)
    return filled


def _translated(message: Message) -> bool:
    return all(_texts(message.string))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.i18n.maintain")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check").add_argument("extracted", type=Path)
    sub.add_parser("fill").add_argument("batches", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "check":
        found = problems(_read(args.extracted))
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print(f"{len(found)} catalogue problem(s)", file=sys.stderr)
        return 1 if found else 0
    batch: dict[str, dict[str, object]] = {}
    for path in args.batches:
        batch.update(json.loads(path.read_text(encoding="utf-8")))
    print(f"{fill(batch)} translations written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
