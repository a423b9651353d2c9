"""What to do with a call: take the order, or transfer it and to whom (R3-R7, R9)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.clients.models import Client, Manager
from assistant.i18n import N_, _, language, ngettext
from assistant.i18n.texts import Chosen
from assistant.rules import RoutingRules

ROLE_NAMES = {
    "kam": N_("key account manager"),
    "manager": N_("sales manager"),
    "head": N_("head of department"),
    "finance": N_("finance service"),
}
# Heads are named by their department ("head of wholesale"); other departments read
# "head of department CODE".
HEAD_NAMES = {
    "wholesale": N_("head of wholesale"),
    "retail": N_("head of retail"),
    "regional": N_("head of regional sales"),
    "finance": N_("head of finance"),
    "warehouse": N_("head of the warehouse"),
    "quality": N_("head of quality"),
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
        if self.role == "head":
            known = HEAD_NAMES.get(self.department)
            role = (
                _(known)
                if known
                else _("head of department {department}").format(department=self.department)
            )
        else:
            role = _(ROLE_NAMES[self.role]) if self.role in ROLE_NAMES else self.role
        return f"{self.name} ({role})"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `to` in a route."""
        return {"code": self.code, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class RouteDecision:
    """Take the order, or transfer to `to`, with a reason the operator can read aloud.

    `reason` is in the language it was decided in; when the editors' text for it exists
    only in another language, that text is used and `notice` says so (the reason ends
    with the notice too, so whoever shows the reason shows it).
    """

    action: str  # "take_order" | "transfer"
    to: Person | None
    reason: str
    notice: str | None = None

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
        """The decision for this call; `is_new` marks a known client with no manager or orders.

        Its sentences are built now, in the language now (never kept for another call).
        """
        rules = self._rules
        if client is None or is_new:
            policy = rules.new_client
            reason = policy.reason
            who = (
                _("An unknown caller: {reason}.")
                if client is None
                else _("A new client: {reason}.")
            )
            said = Chosen(who.format(reason=reason.value), reason.language, reason.notice)
            return self._transfer(policy.transfer_chain, policy.department, client, said)
        type_rule = rules.client_types.get(client.type)
        if type_rule is not None and not type_rule.takes_order:
            chain = type_rule.transfer_chain or ["assigned_manager"]
            given = type_rule.reason
            if given is None:
                text = _("Clients of type {label} are served by their manager.").format(
                    label=type_rule.label
                )
                said = Chosen(text, language())
            else:
                said = _sentence(given)
            return self._transfer(chain, type_rule.department, client, said)
        if purpose not in rules.operator_purposes:
            policy = rules.other_purpose
            return self._transfer(
                policy.transfer_chain, policy.department, client, _sentence(policy.reason)
            )
        if credit_blocked:
            policy = rules.credit_blocked
            return self._transfer(
                policy.transfer_chain, policy.department, client, _sentence(policy.reason)
            )
        label = rules.type_label(client.type)
        return RouteDecision(
            action="take_order",
            to=None,
            reason=_("{label}: the operator takes the order personally.").format(label=label),
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
        self,
        chain: list[str],
        policy_department: str | None,
        client: Client | None,
        reason: Chosen[str],
    ) -> RouteDecision:
        with self._sessions() as session:
            staff = [Person.of(m) for m in session.scalars(select(Manager).order_by(Manager.code))]
        department = self._department_of(policy_department, client)
        skipped: list[Person] = []
        last: Person | None = None
        for step in chain:
            for person in _candidates(step, client, staff, department):
                if person.available:
                    text = _explain(reason.value, person, skipped)
                    return _decision("transfer", person, text, reason.notice)
                if person not in skipped:
                    skipped.append(person)
                last = person
        if last is None:
            text = _(
                "{reason} Nobody to transfer to is on record: consult the head of sales (R7)."
            ).format(reason=reason.value)
            return _decision("transfer", None, text, reason.notice)
        text = _(
            "{reason} Nobody in line is available: take a message for {person} "
            "and promise a call back (R7)."
        ).format(reason=reason.value, person=last.title)
        return _decision("transfer", last, text, reason.notice)

    def _department_of(self, policy_department: str | None, client: Client | None) -> str:
        if client is not None and client.type in self._rules.client_types:
            return self._rules.client_types[client.type].department
        return policy_department or "wholesale"


def _sentence(text: Chosen[str]) -> Chosen[str]:
    """An editors' reason as a sentence: ended with a full stop."""
    value = text.value if text.value.endswith((".", "!", "?")) else f"{text.value}."
    return Chosen(value, text.language, text.notice)


def _decision(action: str, to: Person | None, text: str, notice: str | None) -> RouteDecision:
    """The decision; a notice (an editors' text in another language) ends the reason."""
    reason = text if notice is None else f"{text} ({notice})"
    return RouteDecision(action, to, reason, notice)


def _candidates(
    step: str, client: Client | None, staff: list[Person], department: str
) -> list[Person]:
    """Everyone a chain step can mean, best first."""
    own = client.manager_id if client is not None else None
    if step in ("assigned_manager", "assigned_kam"):
        wanted_role = "kam" if step == "assigned_kam" else None
        return [p for p in staff if p.id == own and (wanted_role in (None, p.role))]
    kind, _sep, arg = step.partition(":")
    if kind == "role":
        same_dept = [p for p in staff if p.role == arg and p.department == department]
        return same_dept + [p for p in staff if p.role == arg and p.department != department]
    dept = department if arg == "$department" else arg
    return [p for p in staff if p.role == "head" and p.department == dept]


def _explain(reason: str, person: Person, skipped: list[Person]) -> str:
    absent = [p.title for p in skipped if p.code != person.code]
    if not absent:
        return _("{reason} Transfer to {person}.").format(reason=reason, person=person.title)
    return ngettext(
        "{reason} {absent} is absent, so {person} takes the call.",
        "{reason} {absent} are absent, so {person} takes the call.",
        len(absent),
    ).format(
        reason=reason,
        absent=format_list(absent, locale=language()),
        person=person.title,
    )
