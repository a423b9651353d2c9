"""A training scenario: who calls, what it wants, how it reacts and what it says (issue 11).

Scenarios are files editors write (knowledge/training/<id>.<language>.yaml); a file is
loaded only when `check.check` finds nothing wrong in it, so the simulator trusts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.training.check import check
from assistant.training.schema import parse

FOLDER = Path(__file__).resolve().parents[2] / "knowledge" / "training"


class ScenarioInvalid(DeskError):
    code = "scenario_invalid"


class UnknownScenario(DeskError):
    code = "unknown_scenario"


@dataclass(frozen=True)
class Persona:
    """The caller as the sandbox is set up for it; `code` None is a new caller nobody knows."""

    code: str | None
    phone: str | None
    name: str | None
    manager: str  # present | absent | none
    debt: str  # none | overdue | over_limit
    regional: bool
    history: str  # keep | none


@dataclass(frozen=True)
class WantedLine:
    sku: str
    qty: Decimal


@dataclass(frozen=True)
class Wants:
    purpose: str  # order | information | complaint | certificate
    lines: tuple[WantedLine, ...]
    question: str | None
    answer_source: str | None  # the knowledge document that answers it (R19)


@dataclass(frozen=True)
class Reactions:
    offers: str = "accept"  # accept | decline (new, special, traditional: R11)
    addons: str = "accept_first"  # accept_first | accept_all | decline (R12)
    hurry: bool = False
    asks_discount: bool = False
    delivery: str = "delivery"  # delivery | pickup | shipping (R17)


@dataclass(frozen=True)
class DeliveryAnswer:
    """What the client answers when asked about delivery (R16, R17)."""

    in_days: int
    window: str | None
    receiver: str
    payment: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Expected:
    transfer_to: str | None  # a manager code, or None: the call is not transferred
    order: bool


@dataclass(frozen=True)
class ClientLine:
    on: str  # the trigger (schema.TRIGGERS)
    say: str
    line: int = 0


@dataclass(frozen=True)
class Scenario:
    """One simulated call in one language."""

    id: str
    language: str
    title: str
    summary: str
    rules: tuple[str, ...]
    client: Persona
    wants: Wants
    reactions: Reactions
    delivery: DeliveryAnswer | None
    expect: Expected
    lines: tuple[ClientLine, ...]
    path: Path

    def listing(self) -> dict[str, Any]:
        """The shape `desk train scenarios --json` prints for one scenario."""
        return {
            "id": self.id,
            "title": self.title,
            "rules": list(self.rules),
            "language": self.language,
            "client": self.client.code,
            "wants": [{"sku": w.sku, "qty": _number(w.qty)} for w in self.wants.lines],
        }


def _number(qty: Decimal) -> int | float:
    return int(qty) if qty == qty.to_integral_value() else float(qty)


def load(path: Path) -> Scenario:
    """Read and check a scenario file; ScenarioInvalid lists every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioInvalid(
            _("Cannot read the scenario {path}: {error}").format(path=path, error=exc)
        ) from exc
    problems = check(text, path)
    if problems:
        raise DeskError.first_of([ScenarioInvalid(p) for p in problems])
    return _build(parse(text, path), path)


def _build(data: dict[str, Any], path: Path) -> Scenario:
    client, wants = data["client"], data["wants"]
    reactions = {k: v for k, v in (data.get("reactions") or {}).items() if k != "__line__"}
    delivery = data.get("delivery")
    expect = data["expect"]
    return Scenario(
        id=str(data["id"]),
        language=str(data["language"]),
        title=str(data["title"]),
        summary=str(data["summary"]),
        rules=tuple(str(r) for r in data["rules"]),
        client=Persona(
            code=client.get("code"),
            phone=str(client["phone"]) if client.get("phone") else None,
            name=client.get("name"),
            manager=client.get("manager") or "present",
            debt=client.get("debt") or "none",
            regional=bool(client.get("regional", False)),
            history=client.get("history") or "keep",
        ),
        wants=Wants(
            purpose=wants["purpose"],
            lines=tuple(
                WantedLine(str(item["sku"]), Decimal(str(item["qty"])))
                for item in wants.get("lines") or []
            ),
            question=wants.get("question"),
            answer_source=wants.get("answer_source"),
        ),
        reactions=Reactions(**reactions),
        delivery=None
        if delivery is None
        else DeliveryAnswer(
            in_days=int(delivery["in_days"]),
            window=delivery.get("window"),
            receiver=str(delivery["receiver"]),
            payment=str(delivery["payment"]),
            documents=tuple(str(d) for d in delivery.get("documents") or ()),
        ),
        expect=Expected(transfer_to=expect.get("transfer_to"), order=bool(expect["order"])),
        lines=tuple(
            ClientLine(on=item["on"], say=item["say"].strip(), line=item["__line__"])
            for item in data.get("lines") or []
        ),
        path=path,
    )


def scenarios(language: str | None = None, *, folder: Path = FOLDER) -> list[Scenario]:
    """The shipped scenarios (of one language, or all), by id then language."""
    pattern = f"*.{language}.yaml" if language else "*.*.yaml"
    found = [load(path) for path in folder.glob(pattern)]
    return sorted(found, key=lambda s: (s.id, s.language))


def find(scenario_id: str, language: str, *, folder: Path = FOLDER) -> Scenario:
    """The scenario with this id in this language; UnknownScenario names the ones there are."""
    path = folder / f"{scenario_id}.{language}.yaml"
    if "/" in scenario_id or not path.is_file():
        known = sorted({p.name.split(".")[0] for p in folder.glob(f"*.{language}.yaml")})
        raise UnknownScenario(
            _("There is no training scenario {id!r} in {language}: use one of {known}.").format(
                id=scenario_id, language=language, known=", ".join(known) or "-"
            ),
            field="scenario",
        )
    return load(path)
