"""Scoring a training call: one result per scored rule, with feedback and the procedure's words.

The facts come from the desk itself (the simulator reads them off the sandbox): whom the
router says the call goes to, the credit gate, the compliance meter of the call, the order
placed. Training sits beside the calls package, so the facts arrive as plain data
(`CallFacts`) rather than as the desk's own types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.i18n import N_, _, use_language
from assistant.training.facts import CallFacts, OrderFacts
from assistant.training.passages import source_of
from assistant.training.scenario import Scenario
from assistant.training.schema import term


@dataclass(frozen=True)
class RuleResult:
    requirement: str
    passed: bool
    feedback: str
    source: dict[str, Any] | None  # {"doc": "procedures/credit-control.md", "text": "..."}

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement,
            "passed": self.passed,
            "feedback": self.feedback,
            "source": self.source,
        }


@dataclass(frozen=True)
class Scorecard:
    scenario: str
    score: int
    rules: tuple[RuleResult, ...]
    seconds: int | None

    def as_dict(self) -> dict[str, Any]:
        """The issue's JSON shape (without live_database_written, which the player adds)."""
        return {
            "scenario": self.scenario,
            "score": self.score,
            "rules": [r.as_dict() for r in self.rules],
            "seconds": self.seconds,
        }


def score(scenario: Scenario, facts: CallFacts, *, seconds: int | None = None) -> Scorecard:
    """Every scored rule of the scenario judged on the facts, in the scenario's language."""
    results = []
    with use_language(scenario.language):
        for requirement in scenario.rules:
            passed, feedback = JUDGES[requirement](scenario, facts)
            source = source_of(
                requirement, scenario.language, answer_source=scenario.wants.answer_source
            )
            results.append(RuleResult(requirement, passed, feedback, source))
    passed_count = sum(r.passed for r in results)
    total = round(100 * passed_count / len(results)) if results else 100
    return Scorecard(scenario.id, total, tuple(results), seconds)


__all__ = ["CallFacts", "OrderFacts", "RuleResult", "Scorecard", "score"]
Verdict = tuple[bool, str]


def _routing(kind: str) -> Callable[[Scenario, CallFacts], Verdict]:
    """R4, R5, R6: the call goes to whom the router names, and no order is taken."""

    def judge(scenario: Scenario, f: CallFacts) -> Verdict:
        if f.takes_order:
            if f.transferred_to:
                return False, _("This call was the operator's own: it should not be transferred.")
            return True, _("The operator handles this call personally: right not to transfer.")
        if _ordered(f):
            return False, _("An order was taken that the {who} should have handled.").format(
                who=_(kind)
            )
        if f.transferred_to != f.route_to:
            return False, _("The call should go to {to}, not to {given}.").format(
                to=_person(f, f.route_to), given=_person(f, f.transferred_to)
            )
        return True, _("Transferred to {to}, the {who}, as the procedure says.").format(
            to=_person(f, f.route_to), who=_(kind)
        )

    return judge


def _r3(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.takes_order:
        if f.transferred_to:
            return False, _("You take this client's order yourself: no transfer was needed.")
        if scenario.expect.order and f.order is None:
            return False, _("You should have taken the order yourself, and none was placed.")
        return True, _("You handled the call yourself, as the operator should.")
    if _ordered(f):
        return False, _("Key and new clients are not the operator's: no order should be taken.")
    return True, _("You did not take the order of a client who is not the operator's.")


def _r8(scenario: Scenario, f: CallFacts) -> Verdict:
    if not f.identified:
        return False, _("The client was never identified, so its debt was never checked.")
    if f.credit_blocked and _ordered(f):
        return False, _("The client has overdue or excess debt: no order may be accepted.")
    return True, _("The debt was checked before the order.")


def _r9(scenario: Scenario, f: CallFacts) -> Verdict:
    if not f.credit_blocked:
        return True, _("The client's credit allows an order.")
    if _ordered(f):
        return False, _("An order was created for a blocked client.")
    if f.transferred_to != f.route_to:
        return False, _(
            "A blocked client goes to {to} (its manager or finance), not to {given}."
        ).format(to=_person(f, f.route_to), given=_person(f, f.transferred_to))
    return True, _("No order, and the client was transferred to {to}.").format(
        to=_person(f, f.route_to)
    )


def _r10(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.order is None:
        return not scenario.expect.order, _("No order was placed.")
    short = [w.sku for w in scenario.wants.lines if f.order.lines.get(w.sku, 0) < float(w.qty)]
    if short:
        return False, _("Lines the client asked for are missing or short: {skus}.").format(
            skus=", ".join(short)
        )
    return True, _("Everything the client asked for is on the order.")


def _meter(codes: tuple[str, ...], done: str, missing: str) -> Callable[..., Verdict]:
    def judge(scenario: Scenario, f: CallFacts) -> Verdict:
        if not scenario.expect.order:
            return True, _("No order in this call, so nothing to offer.")
        left = [c for c in codes if f.checks.get(c) == "missing"]
        return (False, _(missing)) if left else (True, _(done))

    return judge


def _r13(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.order is None:
        return not scenario.expect.order, _("No order was placed.")
    wanted = {w.sku for w in scenario.wants.lines}
    if any(sku not in wanted for sku in f.order.lines):
        return True, _("The order holds more than the client asked for.")
    return False, _("Nothing beyond the client's own list made it onto the order.")


def _r14(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.order is None:
        return not scenario.expect.order, _("No order was placed.")
    if f.order.column != f.right_column:
        return False, _("The order is priced in column {given}; the rules give {right}.").format(
            given=f.order.column or "-", right=f.right_column or "-"
        )
    return True, _(
        "Priced in column {column}, the one the rules give: no discount invented."
    ).format(column=f.right_column)


def _r15(scenario: Scenario, f: CallFacts) -> Verdict:
    if not f.discounts_in_play:
        return True, _("No programme applied to this order.")
    if not f.discounts_stated:
        return False, _("A discount programme was in reach: state its rules to the client.")
    return True, _("The programme's rules were stated, as management set them.")


def _r16(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.order is None:
        return not scenario.expect.order, _("No order was placed, so no delivery to agree.")
    said, order = scenario.delivery, f.order
    if said is None:
        return True, _("Delivery agreed.")
    wrong = []
    if not order.pickup and order.delivery_date != _day(f.today, said.in_days):
        wrong.append(_("delivery day"))
    if (order.receiver or "").strip() != said.receiver:
        wrong.append(_("receiver"))
    if term(order.payment, payment=True) != term(said.payment, payment=True):
        wrong.append(_("payment"))
    agreed = {term(d, payment=False) for d in order.documents}
    if not {term(d, payment=False) for d in said.documents} <= agreed or not agreed:
        wrong.append(_("documents"))
    if wrong:
        return False, _("Not agreed as the client said: {what}.").format(what=", ".join(wrong))
    return True, _("Delivery, receiver, payment and documents agreed as the client said.")


def _r17(scenario: Scenario, f: CallFacts) -> Verdict:
    if f.order is None:
        return not scenario.expect.order, _("No order was placed.")
    wanted = scenario.reactions.delivery
    if wanted == "pickup" and not f.order.pickup:
        return False, _("The client collects at the warehouse: agree the pickup time.")
    if wanted == "shipping" and not f.order.shipping:
        return False, _("The client wants the goods shipped: agree where to ship them.")
    if f.checks.get("regional") == "missing":
        return False, _("A regional client: agree pickup or shipping.")
    return True, _("Payment and pickup or shipping agreed with the regional client.")


def _r19(scenario: Scenario, f: CallFacts) -> Verdict:
    source = scenario.wants.answer_source
    if source in f.asked_docs:
        return True, _("Answered from {doc}, the document that says it.").format(doc=source)
    if not f.asked_docs:
        return False, _("The question was not looked up in the knowledge base.")
    return False, _("The answer should come from {doc}.").format(doc=source)


def _r7(scenario: Scenario, f: CallFacts) -> Verdict:
    if not f.takes_order and _ordered(f):
        return False, _("An order against the route is an unusual situation: consult the head.")
    head = scenario.expect.transfer_to
    if f.takes_order and head:
        # The router lets the operator take it, but the scenario is unusual (an order far
        # larger than usual, goods we do not sell): the head decides before any promise.
        if _ordered(f):
            return False, _("An unusual order was taken without consulting the head of sales.")
        if f.transferred_to != head:
            return False, _("Consult {to}, the head of the sales department, first.").format(
                to=head
            )
        return True, _("The head of the sales department was consulted, as the procedure says.")
    return True, _("No unusual step was taken without the head of sales.")


def _person(f: CallFacts, code: str | None) -> str:
    """A manager as the feedback names it: "Katarina Grgić (M01)", or nobody."""
    if code is None:
        return _("nobody")
    return f"{f.names[code]} ({code})" if code in f.names else code


def _ordered(f: CallFacts) -> bool:
    """An order was placed, or the trainee tried to place one and the desk refused it."""
    return f.order is not None or f.order_attempted


def _day(today: date, days: int) -> date:
    return today + timedelta(days=days)


JUDGES: dict[str, Callable[[Scenario, CallFacts], Verdict]] = {
    "R3": _r3,
    "R4": _routing(N_("key account manager")),
    "R5": _routing(N_("head of the department")),
    "R6": _routing(N_("client's manager")),
    "R7": _r7,
    "R8": _r8,
    "R9": _r9,
    "R10": _r10,
    "R11": _meter(
        ("new", "special", "traditional"),
        N_("New items, specials and traditional products were all mentioned."),
        N_("Mention the new items, the specials and the client's traditional products."),
    ),
    "R12": _meter(
        ("addons",),
        N_("Three or four add-ons were offered before the order closed."),
        N_("Offer three or four more items before closing the order."),
    ),
    "R13": _r13,
    "R14": _r14,
    "R15": _r15,
    "R16": _r16,
    "R17": _r17,
    "R19": _r19,
}
