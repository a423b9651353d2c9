"""The scenario validator: every problem names the file, the line and the fix.

A scenario is data editors write (knowledge/training/<id>.<language>.yaml); the simulator
trusts only what passed here. What cannot be checked without the demo company (does the
client code or the sku exist?) is left to the sandbox, which says so when a run starts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.training.schema import (
    ID_PATTERN,
    KNOWN,
    SCORED,
    SOURCES,
    TRIGGERS,
    ScenarioFileError,
    line_of,
    parse,
    section_problems,
)

_ID_LINE = re.compile(r"^id:\s*(\S+)", re.MULTILINE)


def check(text: str, path: Path) -> list[str]:
    """Every error in the scenario as "file:line: what; fix", in line order; [] when valid."""
    try:
        data = parse(text, path)
    except ScenarioFileError as exc:
        return [str(exc)]
    found: list[tuple[int, str, str]] = []
    section_problems(data, text, found)
    _identity(data, text, path, found)
    _rules(data, text, found)
    _client(data, text, found)
    _wants(data, text, found)
    _lines(data, text, found)
    _consistent(data, text, found)
    return [f"{path}:{line}: {what}; {fix}" for line, what, fix in sorted(found)]


def _identity(
    data: dict[str, Any], text: str, path: Path, found: list[tuple[int, str, str]]
) -> None:
    scenario_id, language = data.get("id"), data.get("language")
    if scenario_id is not None and not ID_PATTERN.match(str(scenario_id)):
        found.append(
            (
                line_of(text, "id"),
                _("id {id!r} is not lowercase letters, digits and dashes").format(id=scenario_id),
                _("write it like key-kam-present"),
            )
        )
    parts = path.name.split(".")
    if len(parts) == 3 and parts[2] in ("yaml", "yml"):
        if language in LANGUAGES and parts[1] != language:
            found.append(
                (
                    line_of(text, "language"),
                    _("the file name says {named!r} but the file is 'language: {language}'").format(
                        named=parts[1], language=language
                    ),
                    _("rename the file to {name}").format(name=f"{parts[0]}.{language}.{parts[2]}"),
                )
            )
        if scenario_id is not None and parts[0] != str(scenario_id):
            found.append(
                (
                    line_of(text, "id"),
                    _("the file name says {named!r} but the id is {id!r}").format(
                        named=parts[0], id=scenario_id
                    ),
                    _("make the file name <id>.<language>.yaml"),
                )
            )
    if scenario_id is not None and language in LANGUAGES:
        for other in sorted(path.parent.glob(f"*.{language}.y*ml")):
            if other.resolve() == path.resolve():
                continue
            try:
                # Only the id line is read: checking one file must not parse every other.
                theirs = _ID_LINE.search(other.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            if theirs and theirs.group(1).strip("'\"") == str(scenario_id):
                found.append(
                    (
                        line_of(text, "id"),
                        _("id {id!r} is used by {other} as well").format(
                            id=scenario_id, other=other.name
                        ),
                        _("give each scenario of one language its own id"),
                    )
                )


def _rules(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    rules = data.get("rules")
    if rules is None:
        return
    line = line_of(text, "rules")
    if not isinstance(rules, list) or not rules:
        found.append((line, _("'rules' is not a list of requirements"), _("write e.g. [R3, R4]")))
        return
    for rule in rules:
        if rule not in KNOWN:
            found.append(
                (
                    line,
                    _("unknown requirement {rule!r}").format(rule=rule),
                    _("use a requirement id of the domain, R1 to R27"),
                )
            )
        elif rule not in SCORED:
            found.append(
                (
                    line,
                    _("requirement {rule} cannot be scored in a training call").format(rule=rule),
                    _("score only {scored}").format(scored="R3-R17, R19"),
                )
            )


def _client(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    client = data.get("client")
    if not isinstance(client, dict) or "code" not in client:
        return
    if client["code"] is None:
        for key in ("phone", "name"):
            if not client.get(key):
                found.append(
                    (
                        client["__line__"],
                        _("a new caller (code: null) needs {key!r}").format(key=key),
                        _("add '{key}:' under 'client:'").format(key=key),
                    )
                )
    elif not isinstance(client["code"], str) or not client["code"].strip():
        found.append(
            (
                line_of(text, "code", client["__line__"]),
                _("client code {code!r} is not a code").format(code=client["code"]),
                _("write a demo client code like K0003, or null for a new caller"),
            )
        )


def _wants(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    wants = data.get("wants")
    if not isinstance(wants, dict):
        return
    start = wants["__line__"]
    lines = wants.get("lines") or []
    if wants.get("purpose") == "order" and not lines:
        found.append(
            (start, _("an order without lines"), _("list what the client orders under 'lines:'"))
        )
    if not isinstance(lines, list):
        lines = [lines]
    for item in lines:
        line: int = item["__line__"] if isinstance(item, dict) else start
        sku = item.get("sku") if isinstance(item, dict) else None
        qty = item.get("qty") if isinstance(item, dict) else None
        if not isinstance(sku, str) or not sku.strip():
            found.append((line, _("an order line without a sku"), _("write {sku: ..., qty: ...}")))
        if isinstance(qty, bool) or not isinstance(qty, int | float) or qty <= 0:
            found.append(
                (
                    line,
                    _("quantity {qty!r} is not a positive number").format(qty=qty),
                    _("write e.g. qty: 12"),
                )
            )
    if wants.get("purpose") in ("information", "certificate") and not wants.get("question"):
        found.append(
            (start, _("a question without its words"), _("add 'question:' under 'wants:'"))
        )
    source = wants.get("answer_source")
    if source is not None and not (SOURCES / str(source)).is_file():
        found.append(
            (
                line_of(text, "answer_source", start),
                _("answer_source {source!r} is no knowledge document").format(source=source),
                _("name a file under knowledge/sources, e.g. procedures/delivery-terms.md"),
            )
        )
    if "R19" in (data.get("rules") or []) and not source:
        found.append(
            (
                start,
                _("R19 is scored but no document answers the question"),
                _("add 'answer_source:' under 'wants:'"),
            )
        )


def _lines(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    lines = data.get("lines")
    if lines is None:
        found.append(
            (1, _("the client says nothing"), _("add 'lines:' with at least an 'on: call_start'"))
        )
        return
    if not isinstance(lines, list):
        found.append((line_of(text, "lines"), _("'lines' is not a list"), _("write - on: ...")))
        return
    for item in lines:
        if not isinstance(item, dict):
            found.append(
                (line_of(text, "lines"), _("a line is not 'on:' and 'say:'"), _("write - on: ..."))
            )
            continue
        line = item["__line__"]
        for key in item:
            if key not in ("__line__", "on", "say"):
                found.append(
                    (
                        line,
                        _("unknown key {key!r}").format(key=key),
                        _("use one of: {known}").format(known="on, say"),
                    )
                )
        if item.get("on") not in TRIGGERS:
            found.append(
                (
                    line,
                    _("unknown trigger {trigger!r}").format(trigger=item.get("on")),
                    _("use one of: {known}").format(known=", ".join(TRIGGERS)),
                )
            )
        if not isinstance(item.get("say"), str) or not item["say"].strip():
            found.append((line, _("a line that says nothing"), _("add 'say:' with its words")))


def _consistent(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    expect, wants = data.get("expect"), data.get("wants")
    if not isinstance(expect, dict) or not isinstance(wants, dict):
        return
    line = expect["__line__"]
    if expect.get("order") is True and wants.get("purpose") != "order":
        found.append(
            (
                line,
                _("an order is expected but the client does not want one"),
                _("set 'expect.order: false' or 'wants.purpose: order'"),
            )
        )
    if expect.get("order") is True and expect.get("transfer_to"):
        found.append(
            (
                line,
                _("the call is expected both to place an order and to be transferred"),
                _("set 'transfer_to: null' or 'order: false'"),
            )
        )
    if "R16" in (data.get("rules") or []) and data.get("delivery") is None:
        found.append(
            (
                1,
                _("R16 is scored but the client has no delivery answer"),
                _("add a 'delivery:' section"),
            )
        )
