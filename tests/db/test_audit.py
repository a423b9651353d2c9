"""The audit log: one row per change in the change's transaction, none for a failed change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth import audit
from assistant.auth.audit import AuditFilter
from assistant.auth.models import AuditEntry
from assistant.auth.rights import Actor, Forbidden
from assistant.errors import CreditBlocked, DeskError
from assistant.orders.draft import OrderDraft
from assistant.script.library import ScriptInvalid
from tests import factories as f
from tests.conftest import TODAY

SYSTEM = Actor.system()
ANA = Actor.of("ana", ["operator"])
BOSS = Actor.of("boss", ["head"])


@pytest.fixture
def desk(services) -> Any:
    """A marketer M1 in good standing and a debtor D1 whose debt blocks orders (R8)."""
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.manager(s, "FIN", role="finance", dept="finance")
        f.client(s, "M1", type="marketer", manager=mgr)
        debtor = f.client(s, "D1", type="marketer", manager=mgr)
        f.receivable(s, debtor, "INV-9", "300", due=TODAY - timedelta(days=15))
        f.product(s, "OIL", prices={"C": "9.00"})
    return services


def _draft(client: str, key: str) -> OrderDraft:
    return OrderDraft.from_json(
        {
            "client": client,
            "idempotency_key": key,
            "lines": [{"sku": "OIL", "qty": 2}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat()},
            "receiver": "Ana",
            "payment": "invoice",
            "documents": ["invoice"],
        }
    )


def _rows(desk: Any) -> list[tuple[str, str, str | None, str]]:
    with desk.sessions() as s:
        query = select(AuditEntry.actor, AuditEntry.action, AuditEntry.object, AuditEntry.outcome)
        return [tuple(r) for r in s.execute(query.order_by(AuditEntry.id))]  # type: ignore[misc]


def test_an_order_refused_for_credit_leaves_no_row_that_claims_success(desk) -> None:
    with pytest.raises(CreditBlocked):
        desk.placement.place(draft=_draft("D1", "k1"), actor=ANA)
    # Only the refusal itself, kept for the head's figures (issue 12): never an "ok" row.
    assert _rows(desk) == [("ana", "order.place", "D1", "refused_debt")]


def test_a_status_move_is_audited_with_before_and_after_and_a_wrong_one_not_at_all(desk) -> None:
    placed = desk.placement.place(draft=_draft("M1", "k1"), actor=ANA)
    desk.orders.advance(order_no=placed.order_no, to_status=None, actor=BOSS)
    with pytest.raises(DeskError):
        desk.orders.advance(order_no=placed.order_no, to_status="placed", actor=BOSS)
    assert _rows(desk) == [
        ("ana", "order.place", placed.order_no, "ok"),
        ("boss", "order.advance", placed.order_no, "ok"),
    ]
    moved = desk.audit.list(actor=BOSS, where=AuditFilter(action="order.advance"))
    assert (moved[0]["before"], moved[0]["after"]) == ({"status": "placed"}, {"status": "accepted"})


def test_an_invalid_script_leaves_no_row(desk) -> None:
    with pytest.raises(ScriptInvalid):
        desk.scripts.activate("language: en\nsteps: []\n", file_name="bad.yaml", actor=SYSTEM)
    assert _rows(desk) == []


def test_a_row_rolls_back_with_its_change_and_never_keeps_a_password(desk) -> None:
    with pytest.raises(RuntimeError), desk.sessions.begin() as s:
        audit.record(s, SYSTEM, "users.manage", "ana", after={"roles": ["operator"]})
        raise RuntimeError("the change failed")
    assert _rows(desk) == []
    with desk.sessions.begin() as s:
        audit.record(
            s, SYSTEM, "users.manage", "ana", after={"password": "hunter2", "roles": ["head"]}
        )
    [row] = desk.audit.list(actor=SYSTEM)
    assert row["after"] == {"roles": ["head"]} and "hunter2" not in str(row)


def test_the_log_is_filtered_and_refused_to_who_may_not_read_it(desk) -> None:
    desk.placement.place(draft=_draft("M1", "k1"), actor=ANA)
    with pytest.raises(Forbidden):
        desk.placement.place(draft=_draft("M1", "k2"), actor=BOSS)
    assert [r["actor"] for r in desk.audit.list(actor=BOSS, where=AuditFilter(user="ana"))] == [
        "ana"
    ]
    later = AuditFilter(since=date.today() + timedelta(days=1))  # rows are stamped now
    assert desk.audit.list(actor=BOSS, where=later) == []
    with pytest.raises(
        Forbidden, match="Reading the audit log needs the head of sales or admin role"
    ):
        desk.audit.list(actor=ANA)
    assert _rows(desk)[-1] == ("ana", "audit.read", None, "forbidden")


def test_an_export_is_audited_with_who_and_how_many_rows(desk) -> None:
    desk.audit.exported(actor=Actor.of("hana", ["head"]), what="orders.csv", rows=12)
    with desk.sessions() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert (row.actor, row.object, row.after, row.outcome) == (
        "hana",
        "orders.csv",
        {"rows": 12},
        "ok",
    )
