"""The demo company: a believable Croatian food wholesaler, deterministic from a seed.

`create_demo` fills an empty, migrated database; `desk init --demo [--scale large]`
calls it. Clients K0001.. are made on purpose for demos and tests, the same for every
seed and scale; `NOTABLE_CLIENTS` (or `notable_clients(session)`) maps their role to
their code: ordinary (answers on ORDINARY_PHONE), key_absent_kam, key_present_kam,
overdue, over_limit, regional, sleeping, no_manager, absent_manager, loyalty,
own_column, cyrillic, bakery, cafe. Nobody answers on NEW_CALLER_PHONE.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant import timeutil
from assistant.clients.models import Client
from assistant.db import transaction
from assistant.demo.catalog import build_catalog, price_column_rows, price_rows, special_rows
from assistant.demo.clients import NOTABLE_CLIENTS, plan_clients
from assistant.demo.contacts import NEW_CALLER_PHONE, ORDINARY_PHONE, contact_rows
from assistant.demo.history import HistoryStats, build_habits, history_rows, thin
from assistant.demo.receivables import receivable_rows
from assistant.demo.staff import build_staff
from assistant.demo.writer import (
    DatabaseNotEmpty,
    ensure_empty,
    existing_codes,
    insert_rows,
    restart_sequences,
)
from assistant.errors import DeskError
from assistant.rules import Rules, load_rules

__all__ = [
    "NEW_CALLER_PHONE",
    "NOTABLE_CLIENTS",
    "ORDINARY_PHONE",
    "SCALES",
    "DatabaseNotEmpty",
    "DemoSummary",
    "Scale",
    "create_demo",
    "notable_clients",
]

HISTORY_DAYS = 548  # eighteen months


@dataclass(frozen=True)
class Scale:
    """How big the demo company is."""

    clients: int
    products: int
    history_lines: int | None  # about this many order lines; None: as the habits give
    kams: int
    managers_per_department: int
    specials: int


SCALES: dict[str, Scale] = {
    "small": Scale(330, 400, None, 4, 3, 15),
    "large": Scale(50_000, 5_000, 2_000_000, 12, 20, 60),
}


@dataclass(frozen=True)
class DemoSummary:
    """What the demo company was made of."""

    departments: int
    managers: int
    clients: int
    products: int
    price_columns: int
    prices: int
    specials: int
    receivables: int
    history_lines: int
    history_orders: int

    def as_dict(self) -> dict[str, int]:
        """JSON-ready form."""
        return asdict(self)


def create_demo(
    *,
    session_factory: sessionmaker[Session],
    scale: str = "small",
    seed: int = 7,
    today: date | None = None,
    rules: Rules | None = None,
) -> DemoSummary:
    """Fill an empty migrated database with the demo company, in one transaction.

    Dates are relative to `today` (the desk's today by default) so the demo always looks
    current; client types and price columns come from `rules` (the shipped ones by default).
    """
    if scale not in SCALES:
        raise DeskError(f"Unknown demo scale {scale!r}; use one of: {', '.join(SCALES)}.")
    size = SCALES[scale]
    today = today or timeutil.today()
    rules = rules or load_rules()
    with transaction(session_factory) as session:
        ensure_empty(session)
        summary = _fill(session, size, rules, seed=seed, today=today)
        restart_sequences(session, _TABLES)
    return summary


_TABLES = (
    "departments", "managers", "price_columns", "products", "prices", "special_positions",
    "clients", "client_phones", "delivery_addresses", "authorised_persons", "receivables",
    "order_history",
)  # fmt: skip


def _rng(seed: int, part: str) -> random.Random:
    # One stream per part: changing how clients are made leaves the catalogue as it was.
    return random.Random(f"{seed}:{part}")


def _fill(session: Session, size: Scale, rules: Rules, *, seed: int, today: date) -> DemoSummary:
    since = today - timedelta(days=HISTORY_DAYS)
    types = list(rules.routing.client_types)
    departments = {t: rule.department for t, rule in rules.routing.client_types.items()}
    staff = build_staff(
        _rng(seed, "staff"),
        sales_departments=list(dict.fromkeys(departments.values())),
        existing=existing_codes(session, "departments"),
        kams=size.kams,
        managers_per_department=size.managers_per_department,
    )
    insert_rows(session, "departments", staff.department_rows)
    insert_rows(session, "managers", staff.manager_rows)

    # Stored data, not screen words: the columns' English names, as stored before.
    names = {code: rules.prices.column_name(code, language="en") for code in rules.prices.columns}
    column_rows, column_ids = price_column_rows(names, existing_codes(session, "price_columns"))
    insert_rows(session, "price_columns", column_rows)
    catalog = build_catalog(
        _rng(seed, "catalog"),
        count=size.products,
        columns=list(rules.prices.columns),
        today=today,
        since=since,
    )
    insert_rows(session, "products", catalog.rows)
    prices = insert_rows(session, "prices", price_rows(catalog, column_ids))
    specials = special_rows(
        _rng(seed, "specials"), catalog, count=size.specials, today=today, client_types=set(types)
    )
    insert_rows(session, "special_positions", specials)

    plans = plan_clients(
        _rng(seed, "clients"),
        count=size.clients,
        types=types,
        staff=staff,
        departments=departments,
        prices=rules.prices,
        since=since,
        today=today,
    )
    contacts = contact_rows(_rng(seed, "contacts"), plans)
    insert_rows(session, "clients", contacts.clients)
    insert_rows(session, "client_phones", contacts.phones)
    insert_rows(session, "delivery_addresses", contacts.addresses)
    insert_rows(session, "authorised_persons", contacts.receivers)
    receivables = insert_rows(
        session, "receivables", receivable_rows(_rng(seed, "credit"), plans, today)
    )

    habits = thin(build_habits(_rng(seed, "habits"), plans, catalog), size.history_lines)
    stats = HistoryStats()
    insert_rows(
        session, "order_history", history_rows(_rng(seed, "history"), habits, catalog, stats)
    )
    return DemoSummary(
        departments=len(existing_codes(session, "departments")),
        managers=len(staff.manager_rows),
        clients=len(plans),
        products=len(catalog.rows),
        price_columns=len(column_ids),
        prices=prices,
        specials=len(specials),
        receivables=receivables,
        history_lines=stats.lines,
        history_orders=stats.orders,
    )


def notable_clients(session: Session) -> dict[str, str]:
    """Role -> client code of the clients the demo makes on purpose (those present)."""
    present = set(
        session.scalars(select(Client.code).where(Client.code.in_(list(NOTABLE_CLIENTS.values()))))
    )
    return {role: code for role, code in NOTABLE_CLIENTS.items() if code in present}
