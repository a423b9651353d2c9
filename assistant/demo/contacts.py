"""Rows for clients and how to reach them: phones, delivery addresses, receivers."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from assistant.clients.phones import normalise_phone
from assistant.demo.clients import ClientPlan
from assistant.demo.names import (
    FIRST_NAMES,
    FOREIGN_STREETS,
    MOBILE_PREFIXES,
    SURNAMES,
    TOWN_STREETS,
    ZAGREB_STREETS,
    City,
)
from assistant.text import fold

Row = dict[str, Any]
COUNTRY = "385"

# The ordinary notable client (K0001) answers on this number; nobody answers on the other.
ORDINARY_PHONE = "01/234-5678"
NEW_CALLER_PHONE = "+385 1 999 0000"


@dataclass
class Contacts:
    """Rows of the client tables, ready to insert."""

    clients: list[Row] = field(default_factory=list)
    phones: list[Row] = field(default_factory=list)
    addresses: list[Row] = field(default_factory=list)
    receivers: list[Row] = field(default_factory=list)


def contact_rows(rng: random.Random, plans: list[ClientPlan]) -> Contacts:
    """Client rows with one to three phones, addresses and authorised persons each."""
    out = Contacts()
    used = {
        normalise_phone(p, default_country_code=COUNTRY) for p in (NEW_CALLER_PHONE, ORDINARY_PHONE)
    }
    for plan in plans:
        out.clients.append(_client_row(rng, plan))
        _add_phones(rng, out, plan, used)
        _add_addresses(rng, out, plan)
        _add_receivers(rng, out, plan)
    return out


def _add_phones(rng: random.Random, out: Contacts, plan: ClientPlan, used: set[str | None]) -> None:
    """One to three phones: the first often a landline, the others mobiles."""
    phones = [(ORDINARY_PHONE, normalise_phone(ORDINARY_PHONE, default_country_code=COUNTRY))]
    if plan.id != 1:
        phones = []
    wanted = rng.choices((1, 2, 3), (6, 3, 1))[0]
    while len(phones) < wanted:
        phones.append(_new_phone(rng, plan.city, used, mobile=bool(phones) or rng.random() < 0.4))
    for raw, e164 in phones:
        used.add(e164)
        out.phones.append(
            {"id": len(out.phones) + 1, "client_id": plan.id, "phone": e164, "raw": raw}
        )


def _add_receivers(rng: random.Random, out: Contacts, plan: ClientPlan) -> None:
    """One or two persons authorised to receive the goods and sign for them (R16)."""
    for _ in range(rng.choice((1, 1, 2))):
        out.receivers.append(
            {
                "id": len(out.receivers) + 1,
                "client_id": plan.id,
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                "phone": _format(COUNTRY, rng.choice(MOBILE_PREFIXES), _digits(rng, 7), 4),
            }
        )


def _client_row(rng: random.Random, plan: ClientPlan) -> Row:
    # The client existed in the ERP a while before its first order of the history.
    created = datetime.combine(plan.start - timedelta(days=rng.randint(7, 400)), time(9, 0))
    return {
        "id": plan.id,
        "code": plan.code,
        "name": plan.name,
        "search_name": fold(plan.name),
        "type": plan.type,
        "manager_id": plan.manager_id,
        "price_column": plan.own_column,
        "programme": plan.programme,
        "credit_limit": Decimal(plan.credit_limit),
        "city": plan.city.name,
        "region": plan.city.region,
        "regional": not plan.city.home,
        "email": _email(plan) if rng.random() < 0.6 else None,
        "created_at": created,
    }


def _email(plan: ClientPlan) -> str:
    slug = re.sub(r"[^a-z0-9]+", ".", fold(plan.name)).strip(".") or "kupac"
    return f"{slug[:40]}.{plan.code.lower()}@example.hr"


def _new_phone(
    rng: random.Random, city: City, used: set[str | None], *, mobile: bool
) -> tuple[str, str]:
    """A phone nobody else has, written the way people happen to write it, and its E.164."""
    while True:
        if mobile and city.country_code == COUNTRY:
            area, subscriber = rng.choice(MOBILE_PREFIXES), _digits(rng, 7)
        else:
            area, subscriber = city.area_code, _digits(rng, city.subscriber_digits)
        raw = _format(city.country_code, area, subscriber, rng.randrange(6))
        e164 = normalise_phone(raw, default_country_code=COUNTRY)
        if e164 is not None and e164 not in used:
            return raw, e164


def _digits(rng: random.Random, count: int) -> str:
    # Subscriber numbers never start with 0 or 1 (those are trunk and service prefixes).
    return str(rng.randint(2, 9)) + "".join(str(rng.randrange(10)) for _ in range(count - 1))


def _format(country: str, area: str, sub: str, style: int) -> str:
    """One of the ways phones are written; foreign numbers always with their country code."""
    head, tail = sub[:3], sub[3:]
    if country != COUNTRY:
        style = style % 3
    styles = (
        f"+{country} {area} {head} {tail}",
        f"+{country}{area}{sub}",
        f"00{country} {area} {sub}",
        f"0{area}/{head}-{tail}",
        f"0{area} {head} {tail}",
        f"(0{area}) {sub}",
    )
    return styles[style]


def _add_addresses(rng: random.Random, out: Contacts, plan: ClientPlan) -> None:
    """A default delivery address; chains and some others deliver to several places."""
    extra = rng.randint(1, 4) if plan.type == "key" else int(rng.random() < 0.1)
    for k in range(1 + extra):
        out.addresses.append(
            {
                "id": len(out.addresses) + 1,
                "client_id": plan.id,
                "address": _address(rng, plan.city),
                "is_default": k == 0,
            }
        )


def _address(rng: random.Random, city: City) -> str:
    if city.country_code != COUNTRY:
        streets = FOREIGN_STREETS
    else:
        streets = ZAGREB_STREETS if city.area_code == "1" else TOWN_STREETS
    return f"{rng.choice(streets)} {rng.randint(1, 180)}, {city.postcode} {city.name}"
