"""The demo clients: who they are, whom they belong to, and how their story goes."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from assistant.demo.names import (
    BUSINESS_WORDS,
    CYRILLIC_NAMES,
    FOREIGN_CITIES,
    HOME_CITIES,
    HOME_WEIGHTS,
    MARKETS,
    QUARTERS,
    REGIONAL_CITIES,
    SURNAMES,
    City,
)
from assistant.demo.profiles import PROFILES, habit_of
from assistant.demo.staff import Staff
from assistant.rules import PriceRules

CREDIT_STATES = ("clean", "open", "overdue", "over_limit")


@dataclass(frozen=True)
class Role:
    """A client made on purpose, so tests and demos can rely on its situation."""

    name: str
    type: str
    profile: str
    manager: str = "available"  # available | absent | none | any
    credit: str = "open"
    sleeping: bool = False
    programme: str | None = None
    own_column: str | None = None
    client_name: str | None = None
    city: str | None = None


# The first clients, K0001 onwards, in this order; see NOTABLE_CLIENTS.
ROLES: tuple[Role, ...] = (
    Role("ordinary", "retail", "grocery"),
    Role("key_absent_kam", "key", "supermarket", manager="absent"),
    Role("key_present_kam", "key", "hotel_group"),
    Role("overdue", "marketer", "market_stall", credit="overdue"),
    Role("over_limit", "horeca", "restaurant", credit="over_limit"),
    Role("regional", "regional", "grocery", city="Split"),
    Role("sleeping", "marketer", "market_stall", sleeping=True),
    Role("no_manager", "retail", "grocery", manager="none"),
    Role("absent_manager", "horeca", "cafe", manager="absent"),
    Role("loyalty", "marketer", "market_stall", programme="loyalty"),
    Role("own_column", "retail", "grocery", own_column="B"),
    Role("cyrillic", "regional", "grocery", client_name="ООО Восток", city="Beograd"),
    Role("bakery", "retail", "bakery"),
    Role("cafe", "horeca", "cafe"),
)
NOTABLE_CLIENTS: dict[str, str] = {role.name: f"K{n:04d}" for n, role in enumerate(ROLES, 1)}


@dataclass(frozen=True)
class ClientPlan:
    """One client as the generator sees it; id = index + 1."""

    id: int
    code: str
    name: str
    type: str
    profile: str
    city: City
    manager_id: int | None
    own_column: str | None
    programme: str | None
    column: str
    credit_limit: int
    credit: str
    start: date  # first order of the history
    stop: date  # last possible order; months ago for sleeping clients


def plan_clients(
    rng: random.Random,
    *,
    count: int,
    types: list[str],
    staff: Staff,
    departments: dict[str, str],
    prices: PriceRules,
    since: date,
    today: date,
) -> list[ClientPlan]:
    """`count` clients: the notable roles first, then a believable mix of every type."""
    roles = [r for r in ROLES if r.type in types]
    weights = [habit_of(t).share for t in types]
    discounted = list(prices.columns)[1:3]
    while len(roles) < count:
        roles.append(_random_role(rng, rng.choices(types, weights)[0], discounted))
    taken: set[str] = set()
    key_clients = itertools.count()
    plans = []
    for n, role in enumerate(roles[:count], start=1):
        turn = next(key_clients) if role.type == "key" else 0
        manager = _manager(rng, role, staff, departments[role.type], turn)
        city = _city(rng, role)
        name = _unique(role.client_name or _name(rng, role.profile, city), city, taken)
        start, stop = _lifetime(rng, role, since, today, notable=n <= len(ROLES))
        plan = ClientPlan(
            id=n,
            code=f"K{n:04d}",
            name=name,
            type=role.type,
            profile=role.profile,
            city=city,
            manager_id=manager,
            own_column=role.own_column,
            programme=role.programme,
            column="",
            credit_limit=_credit_limit(rng, role.type),
            credit=role.credit,
            start=start,
            stop=stop,
        )
        plans.append(replace(plan, column=column_for(plan, prices)))
    return plans


def _random_role(rng: random.Random, client_type: str, discounted: list[str]) -> Role:
    habit = habit_of(client_type)
    profiles, weights = zip(*habit.profiles, strict=True)
    roll = rng.random()
    credit = "overdue" if roll < 0.05 else "over_limit" if roll < 0.08 else "open"
    if credit == "open" and rng.random() < 0.16:
        credit = "clean"
    loyal = client_type in ("marketer", "retail", "horeca") and rng.random() < 0.08
    return Role(
        name="",
        type=client_type,
        profile=rng.choices(profiles, weights)[0],
        manager="none" if client_type != "key" and rng.random() < 0.04 else "any",
        credit=credit,
        sleeping=rng.random() < habit.sleeping,
        programme="loyalty" if loyal else None,
        own_column=rng.choice(discounted) if discounted and rng.random() < 0.04 else None,
    )


def _manager(rng: random.Random, role: Role, staff: Staff, dept: str, turn: int) -> int | None:
    """Key clients belong to a KAM, the rest to a manager of their type's department."""
    if role.manager == "none":
        return None
    pool = staff.kams() if role.type == "key" else staff.managers_in(dept)
    if role.manager in ("available", "absent"):
        pool = [p for p in pool if p.available == (role.manager == "available")] or pool
        return pool[0].id
    # KAMs take key clients in turn, so an absent KAM always has some.
    return pool[turn % len(pool)].id if role.type == "key" else rng.choice(pool).id


def _city(rng: random.Random, role: Role) -> City:
    if role.city:
        return next(
            c for c in (*HOME_CITIES, *REGIONAL_CITIES, *FOREIGN_CITIES) if c.name == role.city
        )
    if role.type == "regional":
        return rng.choice(FOREIGN_CITIES) if rng.random() < 0.06 else rng.choice(REGIONAL_CITIES)
    return rng.choices(HOME_CITIES, HOME_WEIGHTS)[0]


def _name(rng: random.Random, profile: str, city: City) -> str:
    if city.country_code == "381" and rng.random() < 0.5:
        return rng.choice(CYRILLIC_NAMES)
    template = rng.choice(PROFILES[profile].names)
    return template.format(
        surname=rng.choice(SURNAMES),
        word=rng.choice(BUSINESS_WORDS),
        market=rng.choice(MARKETS),
        quarter=rng.choice(QUARTERS),
    )


def _unique(name: str, city: City, taken: set[str]) -> str:
    """Names repeat in real life, but the operator must tell two clients apart."""
    candidate = name if name not in taken else f"{name}, {city.name}"
    n = 2
    while candidate in taken:
        candidate = f"{name}, {city.name} {n}"
        n += 1
    taken.add(candidate)
    return candidate


def _lifetime(
    rng: random.Random, role: Role, since: date, today: date, *, notable: bool
) -> tuple[date, date]:
    """Most clients buy the whole period; some joined later, some stopped months ago."""
    days = (today - since).days
    start = since
    if not notable and rng.random() < 0.2:
        start = since + timedelta(days=rng.randint(30, days * 2 // 3))
    if not role.sleeping:
        return start, today - timedelta(days=1)
    stop = today - timedelta(days=120 if notable else rng.randint(95, 300))
    return min(start, stop - timedelta(days=90)), stop


def _credit_limit(rng: random.Random, client_type: str) -> int:
    low, high = habit_of(client_type).credit_limit
    return rng.randint(low // 500, high // 500) * 500


def column_for(plan: ClientPlan, prices: PriceRules) -> str:
    """The price column price_columns.yaml gives this client (R14)."""
    for rule in prices.rules:
        if rule.client_column and plan.own_column:
            return plan.own_column
        if rule.programme is not None and rule.programme == plan.programme:
            return str(rule.column)
        if rule.client_type is not None and rule.client_type == plan.type:
            return str(rule.column)
        if rule.default:
            return str(rule.column)
    raise ValueError("price rules have no default rule")
