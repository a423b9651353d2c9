"""The shape of a scenario file: its sections, keys, values and triggers, and the YAML reader."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from assistant.i18n import _
from assistant.i18n.catalog import LANGUAGES
from assistant.orders.terms import DOCUMENTS, PAYMENT_METHODS

SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"
ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
SCORED = tuple(f"R{n}" for n in (*range(3, 18), 19))  # what a scenario may score
KNOWN = frozenset(f"R{n}" for n in range(1, 28))  # every requirement of the domain
TRIGGERS = (
    "call_start",
    "identified",
    "line_added",
    "offer_made",
    "addon_offered",
    "offer_answered",
    "discount_asked",
    "delivery_asked",
    "question_answered",
    "order_placed",
    "transferred",
    "call_end",
)
PURPOSES = ("order", "information", "complaint", "certificate")
# Each section: its keys, which are required, and the allowed values of the enumerated ones.
SECTIONS: dict[str, dict[str, Any]] = {
    "": {
        "keys": (
            "id",
            "language",
            "title",
            "summary",
            "rules",
            "client",
            "wants",
            "reactions",
            "delivery",
            "expect",
            "lines",
        ),
        "required": ("id", "language", "title", "summary", "rules", "client", "wants", "expect"),
        "enums": {"language": LANGUAGES},
    },
    "client": {
        "keys": ("code", "phone", "name", "manager", "debt", "regional", "history"),
        "required": ("code",),
        "enums": {
            "manager": ("present", "absent", "none"),
            "debt": ("none", "overdue", "over_limit"),
            "history": ("keep", "none"),
        },
    },
    "wants": {
        "keys": ("purpose", "lines", "question", "answer_source"),
        "required": ("purpose",),
        "enums": {"purpose": PURPOSES},
    },
    "reactions": {
        "keys": ("offers", "addons", "hurry", "asks_discount", "delivery"),
        "required": (),
        "enums": {
            "offers": ("accept", "decline"),
            "addons": ("accept_first", "accept_all", "decline"),
            "delivery": ("delivery", "pickup", "shipping"),
        },
    },
    "delivery": {
        "keys": ("in_days", "window", "receiver", "payment", "documents"),
        "required": ("in_days", "receiver", "payment"),
        "enums": {},
    },
    "expect": {"keys": ("transfer_to", "order"), "required": ("order",), "enums": {}},
}
# Payment and documents may be written short in scenarios and actions.
PAYMENTS = {
    "invoice": PAYMENT_METHODS[0],
    "cash": PAYMENT_METHODS[1],
    "cash_on_delivery": PAYMENT_METHODS[1],
    "prepayment": PAYMENT_METHODS[2],
    "card": PAYMENT_METHODS[3],
    "card_on_delivery": PAYMENT_METHODS[3],
}
DOCUMENT_CODES = {
    "invoice": DOCUMENTS[0],
    "delivery_note": DOCUMENTS[1],
    "quality_certificate": DOCUMENTS[2],
    "certificate": DOCUMENTS[2],
    "haccp": DOCUMENTS[3],
}


def term(value: str | None, *, payment: bool) -> str | None:
    """A short payment or document code as the order form stores it."""
    if value is None:
        return None
    return (PAYMENTS if payment else DOCUMENT_CODES).get(value, value)


BOOLEANS = {("client", "regional"), ("reactions", "hurry"), ("reactions", "asks_discount")}
BOOLEANS |= {("expect", "order")}


class ScenarioFileError(ValueError):
    """The file is not YAML, or not a scenario at all."""

    def __init__(self, path: Path, line: int, what: str, fix: str) -> None:
        super().__init__(f"{path}:{line}: {what}; {fix}")


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that keeps the line of every mapping under `__line__`."""


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    data = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    data["__line__"] = node.start_mark.line + 1
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
# YAML 1.1 reads `on:` (the trigger key) as true: only true and false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse(text: str, path: Path) -> dict[str, Any]:
    """The scenario's mapping, each mapping with its `__line__`; ScenarioFileError if none."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScenarioFileError(
            path,
            mark.line + 1 if mark else 1,
            _("not valid YAML ({error})").format(error=exc),
            _("fix the marked line"),
        ) from exc
    if not isinstance(data, dict):
        raise ScenarioFileError(
            path,
            1,
            _("not a training scenario"),
            _("give it 'id:', 'language:', 'client:', 'wants:', 'expect:' and 'lines:'"),
        )
    return data


def line_of(text: str, key: str, after: int = 1) -> int:
    """The first line at or after `after` where `key:` is written; `after` when none."""
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}\s*:")
    for number, row in enumerate(text.splitlines(), 1):
        if number >= after and pattern.match(row):
            return number
    return after


def section_problems(data: dict[str, Any], text: str, found: list[tuple[int, str, str]]) -> None:
    """Unknown keys, missing fields, wrong values and non-booleans of every section."""
    for name, spec in SECTIONS.items():
        section = data if not name else data.get(name)
        if name and section is None:
            continue
        if not isinstance(section, dict):
            found.append(
                (
                    line_of(text, name),
                    _("{section!r} is not a mapping").format(section=name),
                    _("write its fields indented under '{section}:'").format(section=name),
                )
            )
            continue
        start = section["__line__"]
        for key in section:
            if key != "__line__" and key not in spec["keys"]:
                found.append(
                    (
                        line_of(text, key, start),
                        _("unknown key {key!r}").format(key=key),
                        _("use one of: {known}").format(known=", ".join(spec["keys"])),
                    )
                )
        for key in spec["required"]:
            if section.get(key) is None and not (name == "client" and key in section):
                found.append(
                    (
                        line_of(text, name) if name else 1,
                        _("{key!r} is missing").format(key=f"{name}.{key}" if name else key),
                        _("add '{key}:'").format(key=key),
                    )
                )
        for key, allowed in spec["enums"].items():
            value = section.get(key)
            if value is not None and value not in allowed:
                found.append(
                    (
                        line_of(text, key, start),
                        _("{key!r} is {value!r}").format(key=key, value=value),
                        _("use one of: {known}").format(known=", ".join(allowed)),
                    )
                )
        for key in (k for s, k in BOOLEANS if s == name):
            if key in section and not isinstance(section[key], bool):
                found.append(
                    (
                        line_of(text, key, start),
                        _("{key!r} is {value!r}, not true or false").format(
                            key=key, value=section[key]
                        ),
                        _("write true or false"),
                    )
                )
