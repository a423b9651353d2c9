"""Playing a training call headless: a list of trainee actions against a fresh sandbox.

`desk train run SCENARIO_ID --actions FILE --json` reads the actions (one JSON object a
line), plays them through the same `TrainingCall` and `LiveCalls` the page uses, and
prints the score. Whether the live database was written is measured, not assumed: its
orders, calls and offers are counted before and after.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from assistant.calls.compliance import meter, skippable
from assistant.calls.state import LiveCall
from assistant.config import Settings
from assistant.db import make_engine, make_session_factory
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.simulator.actions import ACTIONS, BadActions, check_action, details_of
from assistant.simulator.session import TrainingCall
from assistant.training.scenario import find

LIVE_TABLES = ("orders", "calls", "offers_made")  # what training must never write live


def read_actions(text_: str) -> list[dict[str, Any]]:
    """The actions of a file, one JSON object a line; BadActions names the line."""
    actions = []
    for number, row in enumerate(text_.splitlines(), 1):
        if not row.strip():
            continue
        try:
            action = json.loads(row)
        except json.JSONDecodeError as exc:
            raise BadActions(
                _("Line {line}: not JSON ({error}).").format(line=number, error=exc.msg)
            ) from exc
        if not isinstance(action, dict):
            raise BadActions(_("Line {line}: not a JSON object.").format(line=number))
        check_action(action, number)
        actions.append({**action, "_line": number})
    if not actions:
        raise BadActions(_("The actions file holds no action."))
    return actions


def live_counts(url: str) -> dict[str, int | None]:
    """Rows of the tables training must never write, in the live database."""
    engine = make_engine(url)
    counts: dict[str, int | None] = {}
    try:
        with engine.connect() as conn:
            for table in LIVE_TABLES:
                try:
                    counts[table] = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                except SQLAlchemyError:
                    conn.rollback()
                    counts[table] = None
    finally:
        engine.dispose()
    return counts


def play(
    *,
    settings: Settings,
    scenario_id: str,
    language: str,
    actions: list[dict[str, Any]],
    user: str = "cli",
    mode: str = "exam",
    today: date | None = None,
) -> dict[str, Any]:
    """Play `actions` as a trainee on a fresh sandbox; the scorecard as the issue's JSON."""
    scenario = find(scenario_id, language)
    for number, action in enumerate(actions, 1):
        check_action(action, action.get("_line", number))
    before = live_counts(settings.database_url)
    engine = make_engine(settings.database_url)
    training = TrainingCall.start(
        settings=settings,
        scenario=scenario,
        user=user,
        mode=mode,
        live_sessions=make_session_factory(engine),
        today=today,
    )
    try:
        call = LiveCall(operator=user)
        for number, action in enumerate(actions, 1):
            _act(training, call, action, action.get("_line", number))
        if call.call_id is not None and not call.closed_outcome:
            # The trainee hung up without an outcome: the call still ends (and is scored).
            training.services.live.close(
                call, outcome="no_order", notes=None, said="ended", actor=training.actor
            )
        scorecard = training.finish(call)
        said = [{"who": s.who, "text": s.text} for s in training.transcript(call)]
    finally:
        training.close()
        engine.dispose()
    after = live_counts(settings.database_url)
    return {
        **scorecard.as_dict(),
        "language": scenario.language,
        "transcript": said,
        "refused": training.refusals,
        "live_database_written": after != before,
    }


def _act(training: TrainingCall, call: LiveCall, action: dict[str, Any], line: int) -> None:
    name = action["action"]
    try:
        ACT[name](training, call, action)
    except BadActions:
        raise
    except DeskError as err:
        raise BadActions(
            _("Line {line} ({action}): {message}").format(
                line=line, action=name, message=err.message
            )
        ) from err


def _identify(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    training.identify(call, str(action["query"]))


def _card(training: TrainingCall) -> Any:
    if training.card is None:
        raise DeskError(_("identify the caller first"))
    return training.card


def _transfer(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    card = _card(training)
    to = str(action["to"])
    if call.closed_outcome:
        raise DeskError(_("the call is closed already"))
    if card.route.to is not None and card.route.to.code == to:
        training.services.live.transfer(call, card, actor=training.actor)
        return
    # Not whom the router names: logged as the trainee did it, and the score judges.
    assert call.call_id is not None  # the card registered the call
    training.services.calls.finish(
        call_id=call.call_id, outcome="transferred", transferred_to=to, actor=training.actor
    )
    call.closed_outcome, call.ended = _("transferred to {person}").format(person=to), "transferred"


def _add_line(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    _card(training)
    sku = str(action["sku"])
    if training.services.catalog.get(sku, column=None) is None:
        raise DeskError(_("no product has the sku {sku!r}").format(sku=sku))
    try:
        qty = Decimal(str(action["qty"]))
    except InvalidOperation as exc:
        raise DeskError(_("the quantity is not a number")) from exc
    call.add(sku, qty)
    training.show_offers(call)


def _answer_offer(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    _card(training)
    sku, accepted = str(action["sku"]), action["answer"] == "accepted"
    shown = {s for s, _kind in call.recorded}
    if sku not in shown:
        raise DeskError(
            _("{sku} was not offered in this call (offered: {shown})").format(
                sku=sku, shown=", ".join(sorted(shown)) or "-"
            )
        )
    offers = call.offered
    items = [] if offers is None else [*offers.new, *offers.special, *offers.traditional]
    item = next((i for i in (*items, *(offers.addons if offers else ())) if i.sku == sku), None)
    if accepted and item is not None:
        training.services.live.take_offer(call, item, actor=training.actor)
    else:
        if accepted:
            call.add(sku, Decimal(1))
        training.services.live.answer_offer(call, sku=sku, accepted=accepted, actor=training.actor)
    training.show_offers(call)


def _set_delivery(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    training.agree_delivery(details_of(action, today=training.sandbox.today))


def _ask(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    training.ask(str(action["question"]))


def _tick(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    training.services.live.tick(call, str(action["step"]), done=True, actor=training.actor)


def _place_order(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    card = _card(training)
    details = training.details or details_of({}, today=training.sandbox.today)
    regional = bool(card.client and card.client.regional)
    checks = meter(
        offered=call.recorded,
        answered=call.answered,
        lines=list(call.lines),
        details=details,
        regional=regional,
    )
    # In training the desk refuses nothing the score judges: what is left undone is let
    # through with a reason, and the scorecard says it was left undone.
    skipped = {c.requirement: _("left undone in training") for c in skippable(checks)}
    override = None if card.route.takes_order else _("training call")
    training.attempted = True
    placed = training.services.live.place(
        call, card, details, override, skipped, actor=training.actor
    )
    if placed is None:  # refused (a blocked client, say): what the desk said is kept
        training.refusals.extend(call.problems.values())


def _end_call(training: TrainingCall, call: LiveCall, action: dict[str, Any]) -> None:
    if call.closed_outcome:
        return  # placed or transferred: the call is over already
    outcome = str(action.get("outcome") or "no_order")
    training.services.live.close(
        call, outcome=outcome, notes=None, said=outcome, actor=training.actor
    )


ACT = {
    "identify": _identify,
    "transfer": _transfer,
    "add_line": _add_line,
    "answer_offer": _answer_offer,
    "set_delivery": _set_delivery,
    "ask": _ask,
    "tick": _tick,
    "place_order": _place_order,
    "end_call": _end_call,
}
assert set(ACT) == set(ACTIONS)
