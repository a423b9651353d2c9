"""Sleeping clients (R23) on a fixture whose sleepers are known by construction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.auth.rights import Actor, Forbidden
from assistant.errors import DeskError
from assistant.i18n import use_language
from assistant.outbound.sleeping import DAYS_PER_MONTH, SleepingClients, find_sleepers
from tests.conftest import TODAY
from tests.outbound import sleepers


@pytest.fixture
def company(session_factory):
    with session_factory.begin() as s:
        sleepers.build(s)
    return session_factory


def _codes(session_factory, **kw) -> list[str]:
    with session_factory() as s:
        return [x.code for x in find_sleepers(s, as_of=kw.pop("as_of", TODAY), **kw)]


def test_the_sleepers_are_those_built_so_ranked_by_monthly_value(company) -> None:
    with company() as s:
        found = find_sleepers(s, as_of=TODAY)
    assert [x.code for x in found] == sleepers.SLEEPING
    s2, s1 = found[0], found[4]
    assert (s2.usual_interval_days, s2.days_silent, s2.orders) == (5, 25, 4)
    # 4 orders of 200 over 15 days plus one usual interval of 5: 40 a day.
    assert s2.monthly_value == pytest.approx(800 / 20 * DAYS_PER_MONTH)
    assert s1.as_dict() == {
        "client": "S1",
        "usual_interval_days": 10,
        "days_silent": 80,
        "monthly_value": round(300 / 30 * DAYS_PER_MONTH, 2),
        "reason": "orders every 10 days, silent for 80 days",
    }


def test_the_usual_interval_is_the_median_gap(company) -> None:
    with company() as s:
        m7 = next(x for x in find_sleepers(s, as_of=TODAY) if x.code == "M7")
    assert (m7.usual_interval_days, m7.days_silent) == (7, 46)  # gaps 4 and 10
    assert m7.monthly_value == pytest.approx(300 / 21 * DAYS_PER_MONTH)
    assert m7.reason == "orders every 7 days, silent for 46 days"
    # 46 days is more than 6 x 7 but not more than 7 x 7.
    assert "M7" in _codes(company, factor=6) and "M7" not in _codes(company, factor=7)


def test_exactly_three_orders_suffice_and_two_never_do(company) -> None:
    found = _codes(company)
    assert "S1" in found  # exactly 3 orders
    assert "TWO" not in found  # silent 100 days, but only 2 orders
    assert "TWO" not in _codes(company, factor=1)


def test_the_factor_boundary_is_strict(company) -> None:
    assert "EDGE" not in _codes(company)  # silent 20 = 2 x 10: not more
    assert "EDGE" in _codes(company, factor=1.9)
    assert "A1" not in _codes(company, factor=1)  # silent 7 = 1 x 7
    with pytest.raises(DeskError, match="factor must be 1 or more"):
        _codes(company, factor=0.5)


def test_placed_orders_count_and_a_shared_day_counts_once(company) -> None:
    with company() as s:
        by_code = {x.code: x for x in find_sleepers(s, as_of=TODAY)}
    assert (by_code["P1"].orders, by_code["P1"].usual_interval_days) == (3, 10)
    assert "H1" not in by_code  # its placed order 5 days ago woke it
    d1 = by_code["D1"]
    assert (d1.orders, d1.usual_interval_days, d1.days_silent) == (3, 10, 30)
    # The shared day's value is counted once (the ERP's), not twice.
    assert d1.monthly_value == pytest.approx(300 / 30 * DAYS_PER_MONTH)


def test_type_filter_and_as_of(company) -> None:
    assert _codes(company, client_type="restaurant") == ["S2"]
    assert _codes(company, client_type="key") == []
    # 25 days ago: S2 had just ordered, P1 and D1 were on time, H1's later order unseen.
    assert sorted(_codes(company, as_of=TODAY - timedelta(25))) == ["H1", "M7", "S1"]


def test_the_reason_in_croatian(company) -> None:
    with company() as s, use_language("hr"):
        reasons = {x.code: x.reason for x in find_sleepers(s, as_of=TODAY)}
    assert reasons["S1"] == "naručuje svakih 10 dana, ne javlja se 80 dana"
    assert reasons["S2"] == "naručuje svakih 5 dana, ne javlja se 25 dana"


def test_the_service_reads_with_the_data_right_and_its_factor(company) -> None:
    book = SleepingClients(session_factory=company, factor=1.9, today=lambda: TODAY)
    found = [x.code for x in book.list(actor=Actor.of("ana", ["operator"]))]
    assert "EDGE" in found
    with pytest.raises(Forbidden):
        book.list(actor=Actor.of("nova", ["trainee"]))
