"""Every role against every guarded service call: allowed, or refused with nothing written.

A refusal leaves every table as it was except one "forbidden" row in the audit log; an
allowed call leaves an "ok" row for its action (issue 10).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from assistant.auth.models import AuditEntry
from assistant.auth.rights import ROLES, Actor, Forbidden
from assistant.backup.desk import Desk, back_up
from assistant.calls.models import Call
from assistant.db import Base
from assistant.editors.knowledge import KnowledgeEditor
from assistant.feedback.items import FeedbackNote
from assistant.feedback.models import FeedbackItem
from assistant.orders.draft import OrderDraft
from assistant.orders.models import Order
from assistant.outbound.task_spec import TaskSpec
from assistant.script.shipped import FOLDER
from ingest.documents.pipeline import IngestPipeline
from ingest.erp.importers import import_file
from knowledge.embeddings import FakeEmbeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.store import KnowledgeStore, make_client
from tests import factories as f
from tests.conftest import TODAY
from tests.db.test_callbacks import request as callback_request

SYSTEM = Actor.system()
SCRIPT = (FOLDER / "call-script.en.yaml").read_text(encoding="utf-8")
GREETING = "Good morning, Order Desk, how may I help you?"


@pytest.fixture
def desk(services) -> Any:
    """A marketer M1 with two products, a call with an offer, and a placed order."""
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"))
        f.product(s, "OIL", prices={"C": "9.00"})
        f.product(s, "FLOUR", prices={"C": "0.80"})
    call_id = services.calls.start(actor=SYSTEM, phone=None, client_id=None)
    services.calls.record_offers(call_id=call_id, offers=[("OIL", "addon")], actor=SYSTEM)
    services.placement.place(draft=_draft("seed"), actor=SYSTEM)
    services.users.add(
        actor=SYSTEM, name="seeded", roles=["operator"], password="a long passphrase"
    )
    with services.sessions.begin() as s:
        f.department(s, "quality")
    note = FeedbackNote("quality", "Rancid oil.")
    services.feedback.note(note, actor=SYSTEM, client_id=None)
    answered = services.feedback.note(note, actor=SYSTEM, client_id=None)
    services.feedback.answer(answered, text="Batch withdrawn.", actor=SYSTEM)
    services.callbacks.receive(callback_request())
    return services


def _callback(desk: Any) -> int:
    return int(desk.callbacks.receive(callback_request()).id)


def _draft(key: str) -> OrderDraft:
    return OrderDraft.from_json(
        {
            "client": "M1",
            "idempotency_key": key,
            "lines": [{"sku": "OIL", "qty": 2}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat(), "window": "08-12"},
            "receiver": "Ana",
            "payment": "invoice",
            "documents": ["invoice"],
        }
    )


def _csv(tmp: Path, name: str, rows: list[list[str]]) -> Path:
    path = tmp / name
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _import(kind: str, rows: list[list[str]]) -> Callable[[Any, Actor, Path], Any]:
    def run(desk: Any, actor: Actor, tmp: Path) -> Any:
        return import_file(
            session_factory=desk.sessions,
            kind=kind,
            path=_csv(tmp, f"{kind}.csv", rows),
            default_country_code="385",
            known_client_types=list(desk.rules.routing.client_types),
            actor=actor,
        )

    return run


def _editor(desk: Any, tmp: Path) -> KnowledgeEditor:
    (tmp / "kb" / "procedures").mkdir(parents=True, exist_ok=True)
    store = KnowledgeStore(
        client=make_client(url=None, path=tmp / "chroma"), embeddings=FakeEmbeddings()
    )
    registry = KnowledgeRegistry(session_factory=desk.sessions, knowledge_dir=tmp / "kb")
    pipeline = IngestPipeline(store=store, registry=registry)
    return KnowledgeEditor(registry=registry, pipeline=lambda: pipeline, sessions=desk.sessions)


def _call(desk: Any) -> int:
    with desk.sessions() as s:
        return int(s.scalar(select(func.min(Call.id))))


def _feedback(desk: Any, status: str) -> int:
    with desk.sessions() as s:
        return int(s.scalar(select(func.min(FeedbackItem.id)).where(FeedbackItem.status == status)))


def _order_no(desk: Any) -> str:
    with desk.sessions() as s:
        return str(s.scalars(select(Order).order_by(Order.id)).first().order_no)


# Each guarded call: (its action, what it does as `actor`).
CALLS: dict[str, tuple[str, Callable[[Any, Actor, Path], Any]]] = {
    "place an order": (
        "order.place",
        lambda d, a, t: d.placement.place(draft=_draft("new"), actor=a),
    ),
    "move an order": (
        "order.advance",
        lambda d, a, t: d.orders.advance(order_no=_order_no(d), to_status=None, actor=a),
    ),
    "register a call": (
        "call.record",
        lambda d, a, t: d.calls.start(actor=a, phone=None, client_id=None),
    ),
    "link a call to its client": (
        "call.record",
        lambda d, a, t: d.calls.set_client(call_id=_call(d), client_id=None, actor=a),
    ),
    "record offers": (
        "call.record",
        lambda d, a, t: d.calls.record_offers(
            call_id=_call(d), offers=[("FLOUR", "addon")], actor=a
        ),
    ),
    "answer an offer": (
        "call.record",
        lambda d, a, t: d.calls.answer_offer(call_id=_call(d), sku="OIL", accepted=True, actor=a),
    ),
    "tick a script step": (
        "call.record",
        lambda d, a, t: d.calls.tick(call_id=_call(d), step="greeting", actor=a),
    ),
    "finish a call": (
        "call.record",
        lambda d, a, t: d.calls.finish(call_id=_call(d), outcome="no_order", actor=a),
    ),
    "note feedback for a department": (
        "call.record",
        lambda d, a, t: d.feedback.note(
            FeedbackNote("quality", "Late van."), actor=a, client_id=None
        ),
    ),
    "take feedback on": (
        "feedback.answer",
        lambda d, a, t: d.feedback.start(_feedback(d, "new"), actor=a),
    ),
    "answer feedback": (
        "feedback.answer",
        lambda d, a, t: d.feedback.answer(_feedback(d, "new"), text="Done.", actor=a),
    ),
    "mark a feedback answer told": (
        "call.record",
        lambda d, a, t: d.feedback.mark_told(_feedback(d, "answered"), actor=a),
    ),
    "work a call-back": (
        "callback.work",
        lambda d, a, t: d.callbacks.attempt(_callback(d), outcome="no_answer", actor=a),
    ),
    "import managers": (
        "import.accounts",
        _import(
            "managers",
            [
                ["code", "name", "role", "department", "available"],
                ["H1", "Ivana Horvat", "head", "wholesale", "true"],
            ],
        ),
    ),  # fmt: skip
    "import products": (
        "import.catalog",
        _import(
            "products",
            [
                ["sku", "name", "category", "unit", "pack_size", "new_since", "active"],
                ["P1", "Ulje 1 l", "Ulja", "bottle", "6", "", "true"],
            ],
        ),
    ),  # fmt: skip
    "activate a script": (
        "script.activate",
        lambda d, a, t: d.scripts.activate(
            SCRIPT.replace(GREETING, "Good day."), file_name="mine.en.yaml", actor=a
        ),
    ),
    "add a user": (
        "users.manage",
        lambda d, a, t: d.users.add(
            actor=a, name="marta", roles=["operator"], password="correct horse battery"
        ),
    ),
    "disable a user": (
        "users.manage",
        lambda d, a, t: d.users.disable(name="seeded", actor=a),
    ),
    "back up the desk": (
        "backup.run",
        lambda d, a, t: back_up(
            Desk(d.engine, d.sessions, d.settings, lambda: 0, lambda: 0, lambda: False),
            t / "backup",
            actor=a,
        ),
    ),
    "give a call task": (
        "tasks.manage",
        lambda d, a, t: d.tasks.create(
            TaskSpec.from_json(
                {"title": "Call", "purpose": "Ask", "clients": ["M1"], "operators": ["seeded"]}
            ),
            actor=a,
        ),
    ),
    "change knowledge": (
        "knowledge.change",
        lambda d, a, t: _editor(d, t).save_text(
            source="procedures/credit.md", text="# Credit\nNo order on overdue debt.\n", actor=a
        ),
    ),
}


# The user book names its rows by what was done to the user, not by the right it needs.
AUDITED_AS = {"add a user": "user.add", "disable a user": "user.disable"}


def _counts(desk: Any) -> dict[str, int]:
    with desk.sessions() as s:
        return {
            table.name: int(s.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
            if table.name != "audit_log"
        }


def _audit(desk: Any) -> list[tuple[str, str, str]]:
    with desk.sessions() as s:
        rows = s.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.outcome).order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(CALLS))
def test_each_role_is_allowed_or_refused_with_nothing_written(
    desk, tmp_path: Path, name: str, role: str
) -> None:
    action, call = CALLS[name]
    audited_as = AUDITED_AS.get(name, action)
    actor = Actor.of(f"{role}-user", [role])
    before, audited = _counts(desk), len(_audit(desk))
    if actor.may(action):
        call(desk, actor, tmp_path)
        assert (f"{role}-user", audited_as, "ok") in _audit(desk)[audited:]
        return
    with pytest.raises(Forbidden) as refused:
        call(desk, actor, tmp_path)
    assert refused.value.code == "forbidden"
    assert "role" in refused.value.message or "trainees" in refused.value.message
    assert _counts(desk) == before
    assert _audit(desk)[audited:] == [(f"{role}-user", audited_as, "forbidden")]


def test_the_matrix_covers_every_guarded_change() -> None:
    assert {action for action, _call in CALLS.values()} == {
        "order.place", "order.advance", "call.record", "import.accounts", "import.catalog",
        "script.activate", "knowledge.change", "users.manage", "feedback.answer",
        "tasks.manage",
        "callback.work", "backup.run",
    }  # fmt: skip


def test_a_trainee_with_the_operator_role_still_writes_no_real_order(desk, tmp_path) -> None:
    both = Actor.of("nova", ["operator", "trainee"])
    before = _counts(desk)
    with pytest.raises(Forbidden, match="not for trainees"):
        CALLS["place an order"][1](desk, both, tmp_path)
    assert _counts(desk) == before


def test_the_order_is_the_actors_and_its_audit_row_keeps_an_override_reason(desk) -> None:
    draft = _draft("mine")
    placed = desk.placement.place(draft=draft, actor=Actor.of("ana", ["operator"]))
    row = desk.audit.list(actor=SYSTEM)[0]
    assert (row["actor"], row["action"], row["object"], row["outcome"]) == (
        "ana",
        "order.place",
        placed.order_no,
        "ok",
    )
    assert row["after"]["total"] == str(placed.total) and "route_override_reason" in row["after"]
    assert desk.orders.get(placed.order_no, actor=Actor.system())["operator"] == "ana"
    assert Decimal(row["after"]["total"]) == Decimal("18.00")


# The figures (issue 12, R26-R27): a read with two rights, own figures and everyone's.
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_the_figures_it_may_and_is_refused_the_rest(desk, role: str) -> None:
    from datetime import date

    from assistant.reports.period import ReportFilter

    actor = Actor.of(f"{role}-user", [role])
    day = date.today()
    everyone, another = ReportFilter(day, day), ReportFilter(day, day, operator="someone")
    before = _counts(desk)
    if not actor.may("reports.read"):
        with pytest.raises(Forbidden, match="Reading the sales figures needs"):
            desk.reports.figures(where=everyone, actor=actor)
        assert _audit(desk)[-1] == (f"{role}-user", "reports.read", "forbidden")
    elif actor.may("reports.all"):
        assert desk.reports.figures(where=everyone, actor=actor).where.operator is None
        assert desk.reports.figures(where=another, actor=actor).where.operator == "someone"
    else:
        # Only its own: narrowed without asking, refused (and audited) for another's.
        assert desk.reports.figures(where=everyone, actor=actor).where.operator == actor.name
        with pytest.raises(Forbidden, match="Reading other operators. figures needs"):
            desk.reports.figures(where=another, actor=actor)
        assert _audit(desk)[-1] == (f"{role}-user", "reports.all", "forbidden")
    assert _counts(desk) == before
    assert {"operator", "head", "admin"} == {
        r for r in ROLES if Actor.of("x", [r]).may("reports.read")
    }
    assert {"head", "admin"} == {r for r in ROLES if Actor.of("x", [r]).may("reports.all")}
