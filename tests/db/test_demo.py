"""The demo company (issue 2): a believable wholesaler, its situations and habits, and its seed.

The small demo is created once per backend (module scope); every test reads it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.models import Price, PriceColumn, Product, SpecialPosition
from assistant.clients.models import Client, ClientPhone, Department, Manager
from assistant.clients.phones import normalise_phone
from assistant.credit.models import Receivable
from assistant.credit.service import assess
from assistant.db import Base, make_engine, make_session_factory, migrate
from assistant.demo import (
    NEW_CALLER_PHONE,
    NOTABLE_CLIENTS,
    ORDINARY_PHONE,
    DatabaseNotEmpty,
    DemoSummary,
    create_demo,
    notable_clients,
)
from assistant.errors import DeskError
from assistant.orders.models import HistoryLine
from assistant.rules import load_rules
from tests.conftest import TODAY

DIGEST_TABLES = (
    "managers", "products", "prices", "special_positions", "clients", "client_phones",
    "delivery_addresses", "authorised_persons", "receivables", "order_history",
)  # fmt: skip


@dataclass(frozen=True)
class Demo:
    sessions: sessionmaker[Session]
    summary: DemoSummary


def _wipe(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def _sqlite_demo(path: Path) -> tuple[Engine, DemoSummary]:
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    return engine, create_demo(session_factory=make_session_factory(engine), today=TODAY)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """The small demo, made once per backend in a database of its own."""
    if request.param == "sqlite":
        engine, summary = _sqlite_demo(tmp_path_factory.mktemp("demo") / "demo.db")
    else:
        engine = make_engine(str(request.getfixturevalue("postgres_url")))
        migrate(engine)
        _wipe(engine)
        summary = create_demo(session_factory=make_session_factory(engine), today=TODAY)
    yield Demo(make_session_factory(engine), summary)
    if request.param == "postgres":
        _wipe(engine)
    engine.dispose()


def _pairs(session: Session, statement: Select[Any, Any]) -> dict[Any, Any]:
    """The first column of each row mapped to the second."""
    return {key: value for key, value in session.execute(statement)}


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_small_demo_has_300_clients_of_every_type_and_about_400_products(demo: Demo) -> None:
    with demo.sessions() as s:
        by_type = Counter(s.scalars(select(Client.type)))
        assert _count(s, Client) == demo.summary.clients >= 300
        assert _count(s, Product) == demo.summary.products == 400
        assert _count(s, HistoryLine) == demo.summary.history_lines
        assert {d.code for d in s.scalars(select(Department))} >= {
            "wholesale", "retail", "regional", "finance",
        }  # fmt: skip
    for client_type in load_rules().routing.client_types:
        assert by_type[client_type] >= 5, client_type


def test_every_active_product_has_a_price_in_every_column_each_cheaper_than_the_last(
    demo: Demo,
) -> None:
    with demo.sessions() as s:
        columns = s.scalars(select(PriceColumn.code).order_by(PriceColumn.position)).all()
        prices: dict[int, dict[str, Decimal]] = defaultdict(dict)
        for product_id, code, price in s.execute(
            select(Price.product_id, PriceColumn.code, Price.price).join(PriceColumn)
        ):
            prices[product_id][code] = price
        active = s.scalars(select(Product.id).where(Product.active)).all()
    assert columns[:4] == ["A", "B", "C", "D"]
    for product_id in active:
        row = [prices[product_id][code] for code in columns]
        assert all(a > b > 0 for a, b in zip(row, row[1:], strict=False)), (product_id, row)


def test_special_positions_run_today_some_ended_some_start_later_and_some_target_types(
    demo: Demo,
) -> None:
    with demo.sessions() as s:
        specials = s.scalars(select(SpecialPosition)).all()
    running = [p for p in specials if p.valid_from <= TODAY <= p.valid_to]
    assert len(specials) >= 12 and len(running) >= 6
    assert any(p.valid_to < TODAY for p in specials)
    assert any(p.valid_from > TODAY for p in specials)
    assert any(p.targets("marketer") and not p.targets("key") for p in running)
    assert any(p.client_types == "" for p in running)


def test_new_items_arrived_within_the_last_sixty_days_and_are_in_stock(demo: Demo) -> None:
    with demo.sessions() as s:
        new = s.scalars(select(Product).where(Product.new_since.is_not(None))).all()
        sold_out = s.scalar(select(func.count()).select_from(Product).where(Product.stock == 0))
    assert len(new) >= 15
    assert all(TODAY - timedelta(days=60) <= p.new_since <= TODAY for p in new if p.new_since)
    assert all(p.active and p.stock for p in new)
    assert sold_out, "a few products are unavailable"


def test_a_key_client_belongs_to_an_absent_kam_while_other_kams_are_present(demo: Demo) -> None:
    with demo.sessions() as s:
        client = s.scalars(
            select(Client).where(Client.code == NOTABLE_CLIENTS["key_absent_kam"])
        ).one()
        present_kams = s.scalars(
            select(Manager).where(Manager.role == "kam", Manager.available)
        ).all()
        heads = s.scalars(select(Manager).where(Manager.role == "head")).all()
        finance = s.scalars(select(Manager).where(Manager.role == "finance")).all()
    assert client.type == "key" and client.manager is not None
    assert client.manager.role == "kam" and not client.manager.available
    assert present_kams
    assert {h.department.code for h in heads} >= {"wholesale", "retail", "regional"}
    assert len(finance) == 2


def _credit(s: Session) -> dict[int, tuple[bool, bool]]:
    """Client id -> (has overdue debt, is over its limit)."""
    documents = defaultdict(list)
    for r in s.scalars(select(Receivable).where(Receivable.amount > Receivable.paid)):
        documents[r.client_id].append((r.document, r.amount - r.paid, r.due_date))
    limits = _pairs(s, select(Client.id, Client.credit_limit))
    out = {}
    for client_id, docs in documents.items():
        status = assess(docs, limit=limits[client_id], as_of=TODAY)
        out[client_id] = (
            status.overdue > 0,
            status.limit is not None and status.balance > status.limit,
        )
    return out


def test_a_few_clients_have_overdue_debt_and_a_few_are_over_their_limit(demo: Demo) -> None:
    with demo.sessions() as s:
        credit = _credit(s)
        codes = _pairs(s, select(Client.code, Client.id))
    overdue = sum(late for late, _ in credit.values())
    excess = sum(over for _, over in credit.values())
    clients = demo.summary.clients
    assert 0.03 * clients <= overdue <= 0.09 * clients
    assert 0.02 * clients <= excess <= 0.07 * clients
    assert credit[codes[NOTABLE_CLIENTS["overdue"]]] == (True, False)
    assert credit[codes[NOTABLE_CLIENTS["over_limit"]]] == (False, True)
    assert credit.get(codes[NOTABLE_CLIENTS["ordinary"]], (False, False)) == (False, False)


def _orders(s: Session) -> dict[int, dict[str, set[int]]]:
    """Client id -> order number -> products ordered."""
    out: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for client_id, order_no, product_id in s.execute(
        select(HistoryLine.client_id, HistoryLine.order_no, HistoryLine.product_id)
    ):
        out[client_id][order_no].add(product_id)
    return out


def test_history_spans_eighteen_months_and_sleeping_clients_stopped_months_ago(
    demo: Demo,
) -> None:
    with demo.sessions() as s:
        first, last = s.execute(
            select(func.min(HistoryLine.order_date), func.max(HistoryLine.order_date))
        ).one()
        last_orders = _pairs(
            s,
            select(Client.code, func.max(HistoryLine.order_date))
            .join(HistoryLine, HistoryLine.client_id == Client.id)
            .group_by(Client.code),
        )
    assert first <= TODAY - timedelta(days=530) and TODAY - timedelta(days=7) <= last < TODAY
    sleeping = [code for code, day in last_orders.items() if day < TODAY - timedelta(days=90)]
    assert NOTABLE_CLIENTS["sleeping"] in sleeping
    assert 0.03 * len(last_orders) <= len(sleeping) <= 0.2 * len(last_orders)
    assert last_orders[NOTABLE_CLIENTS["ordinary"]] >= TODAY - timedelta(days=30)


def test_clients_order_their_staple_product_in_most_of_their_orders(demo: Demo) -> None:
    with demo.sessions() as s:
        orders = _orders(s)
    habitual = 0
    for baskets in orders.values():
        top = Counter(p for basket in baskets.values() for p in basket).most_common(1)[0][1]
        habitual += top >= 0.6 * len(baskets)
    assert habitual >= 0.9 * len(orders)


def test_bakers_buy_flour_and_cafes_buy_coffee(demo: Demo) -> None:
    with demo.sessions() as s:
        categories = _pairs(s, select(Product.id, Product.category))
        ids = _pairs(s, select(Client.code, Client.id))
        orders = _orders(s)

    def share(code: str, category: str) -> float:
        lines = [p for basket in orders[ids[code]].values() for p in basket]
        return sum(categories[p] == category for p in lines) / len(lines)

    assert share(NOTABLE_CLIENTS["bakery"], "Brašno i pekarstvo") > 0.4
    assert share(NOTABLE_CLIENTS["cafe"], "Kava i čaj") > 0.25
    assert share(NOTABLE_CLIENTS["cafe"], "Brašno i pekarstvo") < 0.1


def test_phones_are_stored_in_e164_with_the_raw_form_kept(demo: Demo) -> None:
    with demo.sessions() as s:
        phones = s.execute(
            select(ClientPhone.phone, ClientPhone.raw, Client.code).join(Client)
        ).all()
    assert len({phone for phone, _raw, _code in phones}) == len(phones), "one client per phone"
    assert all(normalise_phone(raw, default_country_code="385") == e164 for e164, raw, _ in phones)
    assert any(raw != e164 for e164, raw, _ in phones)
    owners = {e164: code for e164, _raw, code in phones}
    assert owners[str(normalise_phone(ORDINARY_PHONE, default_country_code="385"))] == "K0001"
    assert normalise_phone(NEW_CALLER_PHONE, default_country_code="385") not in owners
    assert any(e164.startswith("+381") for e164, _raw, _code in phones), "Serbian buyers"


def test_notable_clients_are_present_with_the_situation_their_role_names(demo: Demo) -> None:
    with demo.sessions() as s:
        assert notable_clients(s) == NOTABLE_CLIENTS
        clients = {
            c.code: c
            for c in s.scalars(select(Client).where(Client.code.in_(NOTABLE_CLIENTS.values())))
        }
    role = {name: clients[code] for name, code in NOTABLE_CLIENTS.items()}
    assert role["regional"].regional and role["regional"].type == "regional"
    assert role["no_manager"].manager is None
    assert role["absent_manager"].manager is not None
    assert not role["absent_manager"].manager.available
    assert role["ordinary"].manager is not None and role["ordinary"].manager.available
    assert role["loyalty"].programme == "loyalty" and role["own_column"].price_column == "B"
    assert any("\u0400" <= ch <= "\u04ff" for ch in role["cyrillic"].name)
    assert all(c.receivers and c.addresses and c.phones for c in clients.values())


def test_new_rows_get_fresh_ids_after_the_demo(demo: Demo) -> None:
    with demo.sessions() as s:
        s.add(Department(code="export", name="Izvoz"))
        s.flush()  # PostgreSQL would hit a duplicate id if the sequences were left behind
        s.rollback()


def test_a_database_that_already_has_clients_is_refused_untouched(demo: Demo) -> None:
    with pytest.raises(DatabaseNotEmpty, match="already holds .* clients") as refused:
        create_demo(session_factory=demo.sessions, today=TODAY)
    assert isinstance(refused.value, DeskError)
    with demo.sessions() as s:
        assert _count(s, Client) == demo.summary.clients


def test_an_unknown_scale_is_refused_with_the_known_ones(demo: Demo) -> None:
    with pytest.raises(DeskError, match="small, large"):
        create_demo(session_factory=demo.sessions, scale="huge")


def _digest(sessions: sessionmaker[Session]) -> str:
    """A hash of the demo's tables, with values written the same way on every backend."""

    def text(value: object) -> str:
        if isinstance(value, Decimal | float):
            return f"{float(value):.3f}"
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)

    digest = hashlib.sha256()
    with sessions() as s:
        for name in DIGEST_TABLES:
            table = Base.metadata.tables[name]
            for row in s.execute(select(table).order_by(table.c.id)):
                digest.update("|".join(text(v) for v in row).encode())
    return digest.hexdigest()


def test_the_same_seed_makes_the_same_company_on_any_backend(demo: Demo, tmp_path: Path) -> None:
    engine, summary = _sqlite_demo(tmp_path / "again.db")
    try:
        assert summary == demo.summary
        assert _digest(make_session_factory(engine)) == _digest(demo.sessions)
    finally:
        engine.dispose()
