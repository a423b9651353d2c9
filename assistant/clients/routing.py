"""What to do with a call: take the order, or transfer it and to whom (R3-R7, R9)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.clients.models import Client, Manager
from assistant.rules import RoutingRules, TransferPolicy

ROLE_NAMES = {
    "kam": "key account manager",
    "manager": "sales manager",
    "head": "head of department",
    "finance": "finance service",
}


@dataclass(frozen=True)
class Person:
    """Someone a call can be transferred to."""

    code: str
    name: str
    role: str
    department: str
    available: bool
    id: int = 0

    @classmethod
    def of(cls, manager: Manager) -> Person:
        return cls(
            id=manager.id,
            code=manager.code,
            name=manager.name,
            role=manager.role,
            department=manager.department.code,
            available=manager.available,
        )

    @property
    def title(self) -> str:
        """How the operator names this person: "Ana Kovač (key account manager)"."""
        role = ROLE_NAMES.get(self.role, self.role)
        if self.role == "head":
            role = f"head of {self.department}"
        return f"{self.name} ({role})"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `to` in a route."""
        return {"code": self.code, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class RouteDecision:
    """Take the order, or transfer to `to`, with a reason the operator can read aloud."""

    action: str  # "take_order" | "transfer"
    to: Person | None
    reason: str

    @property
    def takes_order(self) -> bool:
        return self.action == "take_order"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "action": self.action,
            "to": self.to.as_dict() if self.to else None,
            "reason": self.reason,
        }


class Router:
    """Applies routing.yaml to a caller and a purpose."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        rules: RoutingRules,
        has_ordered: Callable[[int], bool],
    ) -> None:
        self._sessions = session_factory
        self._rules = rules
        # Orders sit above clients: their book is handed in rather than imported.
        self._has_ordered = has_ordered

    def route(
        self,
        *,
        client: Client | None,
        purpose: str,
        is_new: bool = False,
        credit_blocked: bool = False,
    ) -> RouteDecision:
        """The decision for this call; `is_new` marks a known client with no manager or orders."""
        rules = self._rules
        if client is None or is_new:
            who = "An unknown caller" if client is None else "A new client"
            return self._transfer(rules.new_client, client, f"{who}: {rules.new_client.reason}.")
        type_rule = rules.client_types.get(client.type)
        if type_rule is not None and not type_rule.takes_order:
            policy = TransferPolicy(
                transfer_chain=type_rule.transfer_chain or ["assigned_manager"],
                reason=type_rule.reason or f"{type_rule.label}s are served by their manager",
                department=type_rule.department,
            )
            return self._transfer(policy, client, f"{policy.reason}.")
        if purpose not in rules.operator_purposes:
            return self._transfer(rules.other_purpose, client, f"{rules.other_purpose.reason}.")
        if credit_blocked:
            return self._transfer(rules.credit_blocked, client, f"{rules.credit_blocked.reason}.")
        label = rules.type_label(client.type)
        return RouteDecision(
            action="take_order",
            to=None,
            reason=f"{label}: the operator takes the order personally.",
        )

    def is_new(self, client: Client) -> bool:
        """A first-time client: no assigned manager and no order ever (R3, R5)."""
        return client.manager_id is None and not self._has_ordered(client.id)

    def person(self, code: str) -> Person | None:
        """A transfer target by its code."""
        with self._sessions() as session:
            found = session.scalars(select(Manager).where(Manager.code == code)).one_or_none()
            return Person.of(found) if found else None

    def _transfer(
        self, policy: TransferPolicy, client: Client | None, reason: str
    ) -> RouteDecision:
        with self._sessions() as session:
            staff = [Person.of(m) for m in session.scalars(select(Manager).order_by(Manager.code))]
        department = self._department_of(policy, client)
        skipped: list[Person] = []
        last: Person | None = None
        for step in policy.transfer_chain:
            for person in _candidates(step, client, staff, department):
                if person.available:
                    return RouteDecision("transfer", person, _explain(reason, person, skipped))
                if person not in skipped:
                    skipped.append(person)
                last = person
        if last is None:
            return RouteDecision(
                "transfer",
                None,
                f"{reason} Nobody to transfer to is on record: consult the head of sales (R7).",
            )
        return RouteDecision(
            "transfer",
            last,
            f"{reason} Nobody in line is available: take a message for {last.title} "
            "and promise a call back (R7).",
        )

    def _department_of(self, policy: TransferPolicy, client: Client | None) -> str:
        if client is not None and client.type in self._rules.client_types:
            return self._rules.client_types[client.type].department
        return policy.department or "wholesale"


def _candidates(
    step: str, client: Client | None, staff: list[Person], department: str
) -> list[Person]:
    """Everyone a chain step can mean, best first."""
    own = client.manager_id if client is not None else None
    if step in ("assigned_manager", "assigned_kam"):
        wanted_role = "kam" if step == "assigned_kam" else None
        return [p for p in staff if p.id == own and (wanted_role in (None, p.role))]
    kind, _, arg = step.partition(":")
    if kind == "role":
        same_dept = [p for p in staff if p.role == arg and p.department == department]
        return same_dept + [p for p in staff if p.role == arg and p.department != department]
    dept = department if arg == "$department" else arg
    return [p for p in staff if p.role == "head" and p.department == dept]


def _explain(reason: str, person: Person, skipped: list[Person]) -> str:
    absent = [p.title for p in skipped if p.code != person.code]
    if not absent:
        return f"{reason} Transfer to {person.title}."
    verb = "is" if len(absent) == 1 else "are"
    return f"{reason} {' and '.join(absent)} {verb} absent, so {person.title} takes the call."
