"""The head of sales' figures against a month whose counts are known, on both backends."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from assistant.auth.rights import Actor, Forbidden
from assistant.errors import CreditBlocked, DeskError
from assistant.orders.draft import OrderDraft
from assistant.reports.period import ReportFilter
from assistant.reports.service import SalesReports
from tests import factories as f
from tests import report_company as company
from tests.conftest import TODAY

HEAD = Actor.of("boss", ["head"])


@pytest.fixture
def reports(session_factory) -> SalesReports:
    with session_factory.begin() as s:
        company.build(s)
    return SalesReports(session_factory=session_factory, client_types=("marketer", "key"))


def _figures(reports: SalesReports, actor: Actor = HEAD, **narrow: Any) -> dict[str, Any]:
    where = ReportFilter(company.FROM, company.TO, **narrow)
    return reports.figures(where=where, actor=actor).as_dict()


def test_every_figure_of_the_month(reports) -> None:
    got = _figures(reports)
    assert {key: got[key] for key in company.EXPECTED} == company.EXPECTED
    assert got["per_operator_day"] == company.PER_DAY
    assert got["skipped_reasons"] == company.SKIPPED_REASONS


def test_one_operator(reports) -> None:
    got = _figures(reports, operator="ana")
    assert {key: got[key] for key in company.ANA} == company.ANA
    assert [row["operator"] for row in got["per_operator_day"]] == ["ana"]


def test_one_client_type(reports) -> None:
    got = _figures(reports, client_type="marketer")
    got["offers_made"] = got["offers"]["made"]
    assert {key: got[key] for key in company.MARKETERS} == company.MARKETERS


def test_a_period_with_nothing_in_it_is_all_zeros(reports) -> None:
    where = ReportFilter(date(2025, 1, 1), date(2025, 1, 31))
    got = reports.figures(where=where, actor=HEAD).as_dict()
    assert (got["calls"], got["orders"], got["avg_order_value"], got["avg_lines"]) == (0, 0, 0, 0)
    assert got["offers"] == {"made": 0, "accepted": 0, "by_kind": {}}
    assert got["transfers"] == {} and got["skipped_steps"] == {} and got["feedback_open"] == {}


def test_the_last_day_counts_whole(reports) -> None:
    got = reports.figures(where=ReportFilter(date(2026, 11, 11), date(2026, 11, 11)), actor=HEAD)
    assert (got.calls, got.orders["orders"]) == (2, 1)


def test_an_operator_sees_only_its_own_and_may_not_ask_for_another(reports) -> None:
    ana = Actor.of("ana", ["operator"])
    assert _figures(reports, ana)["calls"] == company.ANA["calls"]
    with pytest.raises(Forbidden, match="other operators' figures"):
        _figures(reports, ana, operator="marko")


def test_a_reversed_period_and_an_unknown_type_say_how_to_fix_them(reports) -> None:
    with pytest.raises(DeskError, match="starts .* after it ends"):
        ReportFilter(company.TO, company.FROM)
    with pytest.raises(DeskError, match="use one of: key, marketer"):
        _figures(reports, client_type="hotel")


def test_the_order_gate_records_a_refusal_for_debt_and_the_report_counts_it(services) -> None:
    with services.sessions.begin() as s:
        f.columns(s)
        m1 = f.client(s, "M1", type="marketer", manager=f.manager(s, "MGR"))
        f.product(s, "OIL", prices={"C": "9.00"})
        f.receivable(s, m1, "INV-1", "500", due=TODAY - timedelta(days=40))
    draft = OrderDraft.from_json(
        {
            "client": "M1",
            "idempotency_key": "debt-1",
            "lines": [{"sku": "OIL", "qty": 2}],
            "delivery": {"date": (TODAY + timedelta(days=1)).isoformat(), "window": "08-12"},
            "receiver": "Ana",
            "payment": "invoice",
            "documents": ["invoice"],
        }
    )
    with pytest.raises(CreditBlocked):
        services.placement.place(draft=draft, actor=Actor.of("ana", ["operator"]))
    (row,) = [r for r in services.audit.list(actor=HEAD) if r["outcome"] == "refused_debt"]
    assert (row["actor"], row["action"], row["object"]) == ("ana", "order.place", "M1")
    assert row["after"]["reason"] == "debt"
    today = date.today()  # the audit row is stamped with the real clock
    where = ReportFilter(today - timedelta(days=1), today + timedelta(days=1))
    got = services.reports.figures(where=where, actor=HEAD)
    assert got.refused_for_debt == 1 and got.orders["order_value"] == float(Decimal(0))


def test_a_sleeper_the_call_never_reached_is_not_reactivated_by_it(
    reports, session_factory
) -> None:
    # The tasks' own rule (outbound.reactivation): K1 ordered 19 days after its call, but
    # once that call is marked unreachable the order is not the call's doing.
    from sqlalchemy import update

    from assistant.clients.models import Client
    from assistant.outbound.models import TaskClient

    before = _figures(reports)
    with session_factory.begin() as s:
        k1 = s.query(Client.id).filter(Client.code == "K1").scalar_subquery()
        s.execute(update(TaskClient).where(TaskClient.client_id == k1).values(status="unreachable"))
    after = _figures(reports)
    assert after["sleeping_called"] == before["sleeping_called"]
    assert after["reactivated"] == before["reactivated"] - 1
