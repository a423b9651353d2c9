"""A call-back request as the website posts it, checked field by field (R22).

Every problem is collected, so the website learns all it must fix from one answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from assistant.clients.phones import looks_like_phone, normalise_phone
from assistant.errors import DeskError
from assistant.i18n import _

# The longest value each text field takes (the columns' sizes; the topic is free text).
LIMITS = {"request_id": 100, "name": 200, "phone": 40, "company": 200, "topic": 2000}
REQUIRED_TEXT = ("request_id", "name", "phone")
OPTIONAL_TEXT = ("company", "topic")
MAX_BODY_BYTES = 16 * 1024


class InvalidCallback(DeskError):
    """The request cannot be taken as posted; `problems` holds one error per field."""

    code = "invalid_callback"


@dataclass(frozen=True)
class CallbackInput:
    """A request that passed every check: times in naive UTC, the phone in E.164."""

    request_id: str
    name: str
    phone: str
    phone_key: str
    company: str | None
    topic: str | None
    window_from: datetime
    window_to: datetime


def parse_request(payload: Any, *, now: datetime, country_code: str) -> CallbackInput:
    """The checked request, or InvalidCallback naming every field that is wrong."""
    if not isinstance(payload, dict):
        raise InvalidCallback(_("The body must be a JSON object."), field="body")
    problems: list[DeskError] = []

    def problem(field: str, message: str) -> None:
        problems.append(InvalidCallback(message, field=field))

    texts: dict[str, str | None] = {}
    for field in (*REQUIRED_TEXT, *OPTIONAL_TEXT):
        value = payload.get(field)
        if value is None and field in OPTIONAL_TEXT:
            texts[field] = None
            continue
        if not isinstance(value, str) or not value.strip():
            problem(field, _("{field} is required: give it as text.").format(field=field))
            continue
        if len(value) > LIMITS[field]:
            problem(
                field,
                _("{field} is too long: at most {limit} characters.").format(
                    field=field, limit=LIMITS[field]
                ),
            )
            continue
        texts[field] = value.strip()
    phone_key = _phone(texts.get("phone"), country_code, problem)
    start = _when(payload.get("window_from"), "window_from", problem)
    end = _when(payload.get("window_to"), "window_to", problem)
    if start and end:
        if end <= start:
            problem("window_to", _("window_to must be later than window_from."))
        elif end <= now:
            problem("window_to", _("The window is in the past: ask for a time still to come."))
    if payload.get("consent") is not True:
        problem("consent", _("consent must be true: we call back only those who agreed."))
    if problems:
        raise DeskError.first_of(problems)
    assert phone_key and start and end  # every problem above raised
    return CallbackInput(
        request_id=str(texts["request_id"]),
        name=str(texts["name"]),
        phone=str(texts["phone"]),
        phone_key=phone_key,
        company=texts.get("company"),
        topic=texts.get("topic"),
        window_from=start,
        window_to=end,
    )


def _phone(text: str | None, country_code: str, problem: Any) -> str | None:
    if text is None:
        return None  # already reported as missing or too long
    e164 = normalise_phone(text, default_country_code=country_code)
    if not looks_like_phone(text) or e164 is None:
        problem("phone", _("{phone!r} is not a phone number.").format(phone=text))
        return None
    return e164


def _when(value: Any, field: str, problem: Any) -> datetime | None:
    """An ISO date and time as naive UTC; one without an offset is read as UTC."""
    if not isinstance(value, str) or len(value) > 40:
        problem(field, _("{field} is required: an ISO date and time.").format(field=field))
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        problem(
            field,
            _(
                "{field} {value!r} is not an ISO date and time, e.g. 2026-11-28T09:00:00+01:00."
            ).format(field=field, value=value),
        )
        return None
    return moment
