"""Figures read off calls and desk orders, each one aggregate query (R26-R27).

Every function takes an open session and the filter and returns a few numbers or a
small table: the grouping and counting happen in SQL, never over rows in Python.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from assistant.clients.models import Client
from assistant.orders.models import Order, OrderLine
from assistant.reports.dialect import day_of, day_text, json_pairs
from assistant.reports.period import ReportFilter
from assistant.reports.tables import calls as call_table
from assistant.reports.tables import offers_made

Call = call_table.c
OfferMade = offers_made.c


def narrow(query: Any, f: ReportFilter, *, at: Any, operator: Any, client_id: Any) -> Any:
    """The period on `at`, the operator on `operator`, the client type through `client_id`."""
    query = query.where(at >= f.start, at < f.end)
    if f.operator is not None:
        query = query.where(operator == f.operator)
    if f.client_type is not None:
        query = query.where(client_id.in_(select(Client.id).where(Client.type == f.client_type)))
    return query


def _calls(query: Any, f: ReportFilter) -> Any:
    return narrow(query, f, at=Call.started_at, operator=Call.operator, client_id=Call.client_id)


def _orders(query: Any, f: ReportFilter) -> Any:
    return narrow(query, f, at=Order.created_at, operator=Order.operator, client_id=Order.client_id)


def order_totals(session: Session, f: ReportFilter, days: list[dict[str, Any]]) -> dict[str, Any]:
    """Orders, their value, and the averages per order (value, lines).

    The count and value are the per-day table's sums (already grouped in SQL); only the
    lines are counted here.
    """
    count = sum(row["orders"] for row in days)
    value = Decimal(str(round(sum(row["order_value"] for row in days), 2)))
    lines = session.scalar(
        _orders(select(func.count(OrderLine.id)).join(Order, Order.id == OrderLine.order_id), f)
    )
    return {
        "orders": count,
        "order_value": float(value),
        "avg_order_value": round(float(value / count), 2) if count else 0.0,
        "avg_lines": round(int(lines or 0) / count, 2) if count else 0.0,
    }


def per_operator_day(session: Session, f: ReportFilter) -> list[dict[str, Any]]:
    """Calls, orders and order value per operator and day, sorted by day then operator."""
    rows: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"calls": 0, "orders": 0, "order_value": 0.0}
    )
    call_day = day_of(session, Call.started_at)
    calls = _calls(select(Call.operator, call_day, func.count(Call.id)), f)
    for operator, day, n in session.execute(calls.group_by(Call.operator, call_day)):
        rows[(day_text(day), operator)]["calls"] = int(n)
    order_day = day_of(session, Order.created_at)
    orders = _orders(
        select(Order.operator, order_day, func.count(Order.id), func.sum(Order.total)), f
    )
    for operator, day, n, value in session.execute(orders.group_by(Order.operator, order_day)):
        row = rows[(day_text(day), operator)]
        row["orders"], row["order_value"] = int(n), float(Decimal(str(value or 0)))
    return [{"day": day, "operator": op, **rows[(day, op)]} for day, op in sorted(rows)]


def offers(session: Session, f: ReportFilter) -> dict[str, Any]:
    """Offers made and accepted, in all and by kind (new, special, traditional, add-on)."""
    query = _calls(
        select(
            OfferMade.kind,
            func.count(OfferMade.id),
            func.count(OfferMade.id).filter(OfferMade.accepted.is_(True)),
        ).join(call_table, Call.id == OfferMade.call_id),
        f,
    ).group_by(OfferMade.kind)
    by_kind = {
        kind: {"made": int(made), "accepted": int(accepted)}
        for kind, made, accepted in session.execute(query)
    }
    return {
        "made": sum(k["made"] for k in by_kind.values()),
        "accepted": sum(k["accepted"] for k in by_kind.values()),
        "by_kind": dict(sorted(by_kind.items())),
    }


def skipped_steps(session: Session, f: ReportFilter) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Script steps left undone: per requirement, and per requirement and reason."""
    pairs = json_pairs(session, Call.skipped)
    query = _calls(
        select(pairs.c.key, pairs.c.value, func.count())
        .select_from(call_table)
        .join(pairs, true())
        .where(Call.skipped.is_not(None)),
        f,
    ).group_by(pairs.c.key, pairs.c.value)
    counted = sorted(
        ((str(key), str(reason or ""), int(n)) for key, reason, n in session.execute(query)
         if key is not None),
        key=lambda krn: (krn[0], -krn[2], krn[1]),
    )  # fmt: skip
    per_step: dict[str, int] = defaultdict(int)
    for key, _reason, n in counted:
        per_step[key] += n
    by_reason = [{"requirement": k, "reason": r, "count": n} for k, r, n in counted]
    return dict(sorted(per_step.items())), by_reason


def transfers(session: Session, f: ReportFilter) -> dict[str, int]:
    """Calls transferred, by the reason recorded with the transfer (most first)."""
    reason = func.coalesce(Call.transfer_reason, "")
    query = _calls(
        select(reason, func.count(Call.id)).where(Call.transferred_to_id.is_not(None)), f
    ).group_by(reason)
    counted = [(str(r), int(n)) for r, n in session.execute(query)]
    return dict(sorted(counted, key=lambda rn: (-rn[1], rn[0])))
