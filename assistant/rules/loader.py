"""Load the YAML rule files into typed rules; a mistake names file, line and fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import RulesError

_M = TypeVar("_M", bound=BaseModel)
DEFAULTS_DIR = Path(__file__).resolve().parent
_STEP = re.compile(r"^(assigned_manager|assigned_kam|role:(kam|manager|head|finance)|head:\S+)$")


def _check_chain(chain: list[str]) -> list[str]:
    for step in chain:
        if not _STEP.match(step):
            raise ValueError(
                f"unknown transfer step {step!r}; use assigned_manager, assigned_kam, "
                "role:kam|manager|head|finance or head:DEPARTMENT"
            )
    return chain


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TransferPolicy(_Strict):
    """Whom a call goes to, in order of preference, and the reason read to the client."""

    transfer_chain: list[str] = Field(min_length=1)
    reason: str
    department: str | None = None

    @field_validator("transfer_chain")
    @classmethod
    def _steps_are_known(cls, chain: list[str]) -> list[str]:
        return _check_chain(chain)


class ClientTypeRule(_Strict):
    """How calls of one client type are handled."""

    label: str
    department: str
    takes_order: bool = True
    transfer_chain: list[str] = Field(default_factory=list)
    reason: str | None = None

    @field_validator("transfer_chain")
    @classmethod
    def _steps_are_known(cls, chain: list[str]) -> list[str]:
        return _check_chain(chain)


class RoutingRules(_Strict):
    """The whole routing file."""

    client_types: dict[str, ClientTypeRule] = Field(min_length=1)
    new_client: TransferPolicy
    other_purpose: TransferPolicy
    credit_blocked: TransferPolicy
    operator_purposes: list[str] = Field(default_factory=lambda: ["order", "info"])

    def type_label(self, code: str) -> str:
        """Readable name of a client type (the code itself for a type no rule names)."""
        rule = self.client_types.get(code)
        return rule.label if rule else code


class PriceColumnRule(_Strict):
    """One rule of the price-column file; exactly one condition is set."""

    why: str
    column: str | None = None
    client_column: bool = False
    programme: str | None = None
    client_type: str | None = None
    default: bool = False


class PriceRules(_Strict):
    """The whole price-column file."""

    columns: dict[str, str] = Field(min_length=1)
    rules: list[PriceColumnRule] = Field(min_length=1)


@dataclass(frozen=True)
class Rules:
    """All editors' rules the desk works by."""

    routing: RoutingRules
    prices: PriceRules


def load_rules(rules_dir: Path | None = None) -> Rules:
    """Rules from `rules_dir`, each file falling back to the shipped default."""
    routing = _load(_pick(rules_dir, "routing.yaml"), RoutingRules)
    prices = _load(_pick(rules_dir, "price_columns.yaml"), PriceRules)
    _check_prices(prices, routing, _pick(rules_dir, "price_columns.yaml"))
    return Rules(routing=routing, prices=prices)


def _pick(rules_dir: Path | None, name: str) -> Path:
    if rules_dir is not None and (rules_dir / name).exists():
        return rules_dir / name
    return DEFAULTS_DIR / name


def _load(path: Path, model: type[_M]) -> _M:
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RulesError(
            f"{where}: not valid YAML ({exc}). Fix the indentation or quoting."
        ) from exc
    except OSError as exc:
        raise RulesError(f"{path}: cannot be read ({exc.strerror}).") from exc
    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        line = _line_of(node, loc)
        where = f"{path}:{line}" if line else str(path)
        raise RulesError(
            f"{where}: {'.'.join(loc) or 'file'}: {first['msg']}. "
            "Correct that entry (see the comments at the top of the shipped file)."
        ) from None


def _line_of(node: Any, loc: list[str]) -> int | None:
    """1-based line of the YAML node at `loc`, or of the deepest parent found."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == key]
            if not match:
                return line
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
            node = node.value[int(key)]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def _check_prices(prices: PriceRules, routing: RoutingRules, path: Path) -> None:
    for i, rule in enumerate(prices.rules, start=1):
        conditions = [
            rule.client_column,
            rule.programme is not None,
            rule.client_type is not None,
            rule.default,
        ]
        if sum(conditions) != 1:
            raise RulesError(
                f"{path}: rule {i} ({rule.why!r}) must have exactly one of "
                "client_column, programme, client_type, default."
            )
        if not rule.client_column and rule.column not in prices.columns:
            raise RulesError(
                f"{path}: rule {i} ({rule.why!r}) names column {rule.column!r}, which is not "
                f"among the columns {sorted(prices.columns)}. Add it under columns or fix it."
            )
        if rule.client_type and rule.client_type not in routing.client_types:
            raise RulesError(
                f"{path}: rule {i} names client type {rule.client_type!r}, unknown to "
                f"routing.yaml (known: {sorted(routing.client_types)})."
            )
    if not prices.rules[-1].default:
        raise RulesError(
            f"{path}: the last rule must be `default: true` so every client has a column."
        )
