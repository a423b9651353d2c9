"""Load the YAML rule files into typed rules; a mistake names file, line and fix.

Every text a person reads (a client type's `label`, a `reason`, a column's name and `why`)
is kept in both of the desk's languages, `{hr: "...", en: "..."}`; a plain string is in the
language the file declares in its top-level `language:` key (en when it has none). The
text is chosen when it is read, in the language now, or in the other one with a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from assistant.errors import RulesError
from assistant.i18n import LANGUAGES, _
from assistant.i18n.texts import Chosen, choose
from assistant.rules.texts import FILE_LANGUAGE_DEFAULT, Texts, say, with_notice

_M = TypeVar("_M", bound=BaseModel)
DEFAULTS_DIR = Path(__file__).resolve().parent
_STEP = re.compile(r"^(assigned_manager|assigned_kam|role:(kam|manager|head|finance)|head:\S+)$")


def _check_chain(chain: list[str]) -> list[str]:
    for step in chain:
        if not _STEP.match(step):
            raise ValueError(
                _(
                    "unknown transfer step {step!r}; use assigned_manager, assigned_kam, "
                    "role:kam|manager|head|finance or head:DEPARTMENT"
                ).format(step=step)
            )
    return chain


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TransferPolicy(_Strict):
    """Whom a call goes to, in order of preference, and the reason read to the client."""

    transfer_chain: list[str] = Field(min_length=1)
    reason_by_language: Texts = Field(alias="reason")
    department: str | None = None

    @field_validator("transfer_chain")
    @classmethod
    def _steps_are_known(cls, chain: list[str]) -> list[str]:
        return _check_chain(chain)

    @property
    def reason(self) -> Chosen[str]:
        """The reason in the language now (or another, with a notice)."""
        return say(self.reason_by_language)


class ClientTypeRule(_Strict):
    """How calls of one client type are handled."""

    label_by_language: Texts = Field(alias="label")
    department: str
    takes_order: bool = True
    transfer_chain: list[str] = Field(default_factory=list)
    reason_by_language: Texts | None = Field(default=None, alias="reason")

    @field_validator("transfer_chain")
    @classmethod
    def _steps_are_known(cls, chain: list[str]) -> list[str]:
        return _check_chain(chain)

    @property
    def label(self) -> str:
        """The type's name in the language now (a name: shown without the fallback notice)."""
        return say(self.label_by_language).value

    @property
    def reason(self) -> Chosen[str] | None:
        """Why calls of this type are transferred, in the language now; None when not given."""
        return None if self.reason_by_language is None else say(self.reason_by_language)


class RoutingRules(_Strict):
    """The whole routing file."""

    language: str = FILE_LANGUAGE_DEFAULT
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

    why_by_language: Texts = Field(alias="why")
    column: str | None = None
    client_column: bool = False
    programme: str | None = None
    client_type: str | None = None
    default: bool = False

    @property
    def why(self) -> str:
        """Why the rule applies, in the language now (another one: with the notice)."""
        return with_notice(say(self.why_by_language))


class PriceRules(_Strict):
    """The whole price-column file."""

    language: str = FILE_LANGUAGE_DEFAULT
    columns: dict[str, Texts] = Field(min_length=1)
    rules: list[PriceColumnRule] = Field(min_length=1)

    def column_name(self, code: str, *, language: str | None = None) -> str:
        """A column's name in `language` (default: now); the code for a column not named."""
        names = self.columns.get(code)
        return choose(names, wanted=language).value if names else code


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
            _("{where}: not valid YAML ({problem}). Fix the indentation or quoting.").format(
                where=where, problem=exc
            )
        ) from exc
    except OSError as exc:
        raise RulesError(
            _("{path}: cannot be read ({problem}).").format(path=path, problem=exc.strerror)
        ) from exc
    data = data or {}
    language = data.get("language", FILE_LANGUAGE_DEFAULT) if isinstance(data, dict) else None
    if language is not None and language not in LANGUAGES:
        line = _line_of(node, ["language"])
        raise RulesError(
            _(
                "{where}: language: {language!r} is not a language of the desk. Write "
                "`language: hr` or `language: en`: the language of the file's plain texts."
            ).format(where=f"{path}:{line}" if line else path, language=language)
        )
    try:
        return model.model_validate(data, context={"language": language})
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        line = _line_of(node, loc)
        where = f"{path}:{line}" if line else str(path)
        raise RulesError(
            _(
                "{where}: {place}: {problem}. Correct that entry (see the comments at the "
                "top of the shipped file)."
            ).format(where=where, place=".".join(loc) or _("file"), problem=first["msg"])
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
        why = say(rule.why_by_language).value
        conditions = [
            rule.client_column,
            rule.programme is not None,
            rule.client_type is not None,
            rule.default,
        ]
        if sum(conditions) != 1:
            raise RulesError(
                _(
                    "{path}: rule {number} ({why!r}) must have exactly one of "
                    "client_column, programme, client_type, default."
                ).format(path=path, number=i, why=why)
            )
        if not rule.client_column and rule.column not in prices.columns:
            raise RulesError(
                _(
                    "{path}: rule {number} ({why!r}) names column {column!r}, which is not "
                    "among the columns {columns}. Add it under columns or fix it."
                ).format(
                    path=path, number=i, why=why, column=rule.column, columns=sorted(prices.columns)
                )
            )
        if rule.client_type and rule.client_type not in routing.client_types:
            raise RulesError(
                _(
                    "{path}: rule {number} names client type {client_type!r}, unknown to "
                    "routing.yaml (known: {known})."
                ).format(
                    path=path,
                    number=i,
                    client_type=rule.client_type,
                    known=sorted(routing.client_types),
                )
            )
    if not prices.rules[-1].default:
        raise RulesError(
            _("{path}: the last rule must be `default: true` so every client has a column.").format(
                path=path
            )
        )
