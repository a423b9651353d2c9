"""PostgreSQL drops the desk's connections (a restart): the pool reconnects, no order doubles.

The real server is never restarted here (other workers use it): the desk's own backends on
a database of this module's own are terminated from an admin connection instead, which is
what a restart does to a pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from assistant.config import Settings
from assistant.db import make_engine, migrate
from assistant.errors import DatabaseUnreachable
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order
from assistant.services import Services, build_services
from tests import factories as f
from tests.conftest import TODAY, fresh_postgres_database

pytestmark = pytest.mark.postgres

KILL_OTHERS = (
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = :db AND pid <> pg_backend_pid()"
)


@pytest.fixture(scope="module")
def own_url() -> Iterator[str]:
    """A PostgreSQL database of this module's own, migrated, with one client and products."""
    with fresh_postgres_database() as url:
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield url


@pytest.fixture
def desk(own_url: str, tmp_path: Any) -> Iterator[Services]:
    built = build_services(
        Settings(database_url=own_url, chroma_path=tmp_path / "chroma"), today=lambda: TODAY
    )
    with built.engine.begin() as conn:
        conn.execute(text("DELETE FROM order_lines"))
        conn.execute(text("DELETE FROM orders"))
    with built.sessions.begin() as s:
        if s.scalar(text("SELECT count(*) FROM clients")) == 0:
            f.columns(s)
            f.client(s, "C1", manager=f.manager(s, "M1"))
            f.product(s, "P1", prices={"C": "2.00"})
    yield built
    built.engine.dispose()


@pytest.fixture
def admin(own_url: str) -> Iterator[Engine]:
    engine = make_engine(own_url).execution_options(isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _kill_others(admin: Engine) -> None:
    with admin.connect() as conn:
        conn.execute(text(KILL_OTHERS), {"db": admin.url.database})


def _terminate(admin: Engine, pid: int) -> None:
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})


def _draft(key: str) -> OrderDraft:
    return OrderDraft.from_json(
        {
            "client": "C1",
            "idempotency_key": key,
            "lines": [{"sku": "P1", "qty": 3}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Ana",
        }
    )


def _orders(desk: Services, key: str) -> int:
    with desk.sessions() as s:
        return int(
            s.scalar(select(func.count()).select_from(Order).where(Order.idempotency_key == key))
            or 0
        )


def _on_next_commit(
    desk: Services, monkeypatch: pytest.MonkeyPatch, act: Callable[[Any, Callable[[], None]], None]
) -> None:
    """Run `act(dbapi_connection, real_commit)` instead of the next COMMIT, once."""
    dialect = desk.engine.dialect
    real = dialect.do_commit
    armed = [True]

    def do_commit(dbapi_connection: Any) -> None:
        if not armed[0]:
            real(dbapi_connection)
            return
        armed[0] = False
        act(dbapi_connection, lambda: real(dbapi_connection))

    monkeypatch.setattr(dialect, "do_commit", do_commit)


def test_the_pool_reconnects_after_its_connections_are_killed(desk, admin) -> None:
    actor = f.acting("op")
    assert desk.cards.card(query="C1", actor=actor).client is not None
    desk.placement.place(draft=_draft("before"), actor=actor)
    _kill_others(admin)  # every pooled connection of the desk is dead now

    card = desk.cards.card(query="C1", actor=actor)
    placed = desk.placement.place(draft=_draft("after"), actor=actor)

    assert card.client is not None and card.client.code == "C1"
    assert not placed.duplicate
    assert _orders(desk, "after") == 1


def test_an_order_whose_connection_dies_before_commit_is_refused_then_placed_once(
    desk, admin, monkeypatch
) -> None:
    actor = f.acting("op")

    def kill_then_commit(dbapi_connection: Any, commit: Callable[[], None]) -> None:
        _terminate(admin, dbapi_connection.dbapi_connection.info.backend_pid)
        commit()  # fails: the server ended the backend mid-transaction

    _on_next_commit(desk, monkeypatch, kill_then_commit)
    with pytest.raises(DatabaseUnreachable) as refused:
        desk.placement.place(draft=_draft("k-1"), actor=actor)
    assert refused.value.message == "The database was unreachable: try again."
    assert _orders(desk, "k-1") == 0

    again = desk.placement.place(draft=_draft("k-1"), actor=actor)
    twice = desk.placement.place(draft=_draft("k-1"), actor=actor)

    assert not again.duplicate and twice.duplicate
    assert twice.order_no == again.order_no
    assert _orders(desk, "k-1") == 1


def test_an_order_committed_whose_answer_is_lost_is_the_same_order_on_retry(
    desk, admin, monkeypatch
) -> None:
    actor = f.acting("op")

    def commit_then_kill(dbapi_connection: Any, commit: Callable[[], None]) -> None:
        commit()
        _terminate(admin, dbapi_connection.dbapi_connection.info.backend_pid)
        # The COMMIT reached the server, the answer did not: the driver says the line died.
        dbapi_connection.cursor().execute("SELECT 1")

    _on_next_commit(desk, monkeypatch, commit_then_kill)
    first = desk.placement.place(draft=_draft("k-2"), actor=actor)
    retry = desk.placement.place(draft=_draft("k-2"), actor=actor)

    assert first.duplicate  # found by its key on a fresh connection, not written again
    assert retry.order_no == first.order_no
    assert _orders(desk, "k-2") == 1


def test_a_call_whose_registration_loses_the_database_is_refused_then_started_once(
    desk, admin, monkeypatch
) -> None:
    from assistant.calls.models import Call
    from assistant.calls.state import LiveCall

    actor = f.acting("op")
    client_id = desk.cards.card(query="C1", actor=actor).client.id
    with desk.sessions() as s:
        calls_before = int(s.scalar(select(func.count()).select_from(Call)) or 0)

    def kill_then_commit(dbapi_connection: Any, commit: Callable[[], None]) -> None:
        _terminate(admin, dbapi_connection.dbapi_connection.info.backend_pid)
        commit()

    call = LiveCall(operator="op")
    _on_next_commit(desk, monkeypatch, kill_then_commit)
    with pytest.raises(DatabaseUnreachable) as refused:
        desk.live.card(call, query="C1", purpose="order", client_id=client_id, actor=actor)
    assert refused.value.message == "The database was unreachable: try again."
    assert call.call_id is None  # nothing half-registered: Enter again starts it

    card = desk.live.card(call, query="C1", purpose="order", client_id=client_id, actor=actor)
    assert card.client is not None and call.call_id is not None
    with desk.sessions() as s:
        assert int(s.scalar(select(func.count()).select_from(Call)) or 0) == calls_before + 1
