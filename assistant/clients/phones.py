"""Phone numbers in any format to E.164, so "01/234-5678" finds "+385 1 234 5678"."""

from __future__ import annotations

import re

import phonenumbers

_DIGITS = re.compile(r"\d")


def looks_like_phone(text: str) -> bool:
    """Whether `text` is mostly a phone number (digits with separators), not a name or code."""
    stripped = text.strip()
    digits = len(_DIGITS.findall(stripped))
    return digits >= 6 and digits >= 0.7 * len(re.sub(r"[\s/().+-]", "", stripped))


def normalise_phone(text: str, *, default_country_code: str) -> str | None:
    """E.164 form of `text`, or None when it cannot be a phone number.

    Numbers without a country code are read as national numbers of
    `default_country_code` (a trunk "0" is handled by the numbering plan).
    """
    raw = text.strip()
    if not raw or not _DIGITS.search(raw):
        return None
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    region = phonenumbers.region_code_for_country_code(int(default_country_code))
    try:
        parsed = phonenumbers.parse(raw, None if raw.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
