"""The trainee's actions as data: their fields, their check, and the order form they fill.

An action is a JSON object such as {"action": "add_line", "sku": "UL-0001", "qty": 12}.
Payment and documents may be written as the order form's codes ("invoice (bank
transfer)") or short ("invoice", "delivery_note"); a date as ISO or "+N" days from the
sandbox's today, so model runs never go stale.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from assistant.calls.state import OrderDetails
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.orders.terms import PICKUP_HOUR
from assistant.training.schema import DOCUMENT_CODES, PAYMENTS


class BadActions(DeskError):
    code = "bad_actions"


# action -> {field: type}; fields after "?" are optional
ACTIONS: dict[str, dict[str, tuple[type, ...]]] = {
    "identify": {"query": (str,)},
    "transfer": {"to": (str,)},
    "add_line": {"sku": (str,), "qty": (int, float, str)},
    "answer_offer": {"sku": (str,), "answer": (str,)},
    "set_delivery": {
        "?date": (str,),
        "?window": (str,),
        "?receiver": (str,),
        "?payment": (str,),
        "?documents": (list,),
        "?regional": (dict,),
    },
    "ask": {"question": (str,)},
    "tick": {"step": (str,)},  # a script step ticked by hand (the page's script panel)
    "place_order": {},
    "end_call": {"?outcome": (str,)},
}
ANSWERS = ("accepted", "declined")


def check_action(action: dict[str, Any], line: int) -> None:
    """BadActions naming the line when the action is unknown or a field is missing or wrong."""
    name = action.get("action")
    if name not in ACTIONS:
        raise BadActions(
            _("Line {line}: unknown action {action!r}; use one of: {known}.").format(
                line=line, action=name, known=", ".join(ACTIONS)
            )
        )
    fields = ACTIONS[str(name)]
    known = {key.lstrip("?") for key in fields} | {"action", "_line"}
    for key in action:
        if key not in known:
            raise BadActions(
                _("Line {line}: {action} has no field {field!r}; it takes: {known}.").format(
                    line=line,
                    action=name,
                    field=key,
                    known=", ".join(sorted(known - {"action", "_line"})) or "-",
                )
            )
    for key, types in fields.items():
        optional, key = key.startswith("?"), key.lstrip("?")
        value = action.get(key)
        if value is None and optional:
            continue
        if value is None or not isinstance(value, types) or isinstance(value, bool):
            raise BadActions(
                _("Line {line}: {action} needs {field!r} ({kind}).").format(
                    line=line, action=name, field=key, kind=" or ".join(t.__name__ for t in types)
                )
            )
    if name == "answer_offer" and action["answer"] not in ANSWERS:
        raise BadActions(
            _("Line {line}: the answer is {answer!r}; use accepted or declined.").format(
                line=line, answer=action["answer"]
            )
        )


def day_of(value: str, today: date) -> date:
    """ISO, or "+N" days from today."""
    if value.startswith("+") and value[1:].isdigit():
        return today + timedelta(days=int(value[1:]))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DeskError(
            _("{value!r} is not a date: use YYYY-MM-DD or +N (days from today).").format(
                value=value
            )
        ) from None


def _moment(value: str, today: date) -> datetime:
    """ "+N HH:MM", "+N", or an ISO date and time."""
    day, _sep, clock = value.partition(" ")
    if day.startswith("+"):
        at = time.fromisoformat(clock) if clock else PICKUP_HOUR
        return datetime.combine(day_of(day, today), at)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DeskError(
            _("{value!r} is not a time: use +N HH:MM or YYYY-MM-DDTHH:MM.").format(value=value)
        ) from None
    return moment


def details_of(action: dict[str, Any], *, today: date) -> OrderDetails:
    """The order form's delivery section as a set_delivery action fills it."""
    payment = action.get("payment")
    regional = action.get("regional") or {}
    pickup = regional.get("pickup_at")
    return OrderDetails(
        delivery_date=day_of(action["date"], today) if action.get("date") else None,
        window=action.get("window"),
        receiver=action.get("receiver"),
        payment=PAYMENTS.get(payment, payment) if payment else None,
        documents=[DOCUMENT_CODES.get(d, d) for d in action.get("documents") or []],
        pickup_at=_moment(str(pickup), today) if pickup else None,
        ship_to=regional.get("ship_to"),
        notes=None,
    )
