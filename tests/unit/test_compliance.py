"""The compliance meter counts what was said and agreed on the call (R11, R12, R16, R17)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from assistant.calls.compliance import meter, missing
from assistant.calls.state import OrderDetails


def _offers(**kinds: list[str]) -> list[tuple[str, str]]:
    """The (sku, kind) pairs a call was shown, as the call log records them."""
    return [(sku, kind) for kind, skus in kinds.items() for sku in skus]


AGREED = OrderDetails(
    delivery_date=date(2026, 11, 28),
    window="08-12",
    receiver="Ana",
    payment="cash on delivery",
    documents=["invoice"],
    pickup_at=None,
    ship_to=None,
    notes=None,
)


def _states(**kw: object) -> dict[str, object]:
    return {c.code: (c.state, c.count) if c.code == "addons" else c.state for c in meter(**kw)}


def test_a_kind_counts_once_one_of_its_items_is_answered_or_on_the_order() -> None:
    offers = _offers(new=["N1", "N2"], special=["S1"], traditional=["T1"], addon=["A1", "A2"])
    states = _states(
        offered=offers,
        answered={"N2": False},
        lines={"T1": Decimal(3)},
        details=AGREED,
        regional=False,
    )
    assert states["new"] == "done"  # declined still counts: it was mentioned
    assert states["special"] == "missing"
    assert states["traditional"] == "done"  # on the order
    assert states["addons"] == ("missing", 0)


def test_add_ons_are_done_at_three_answered_or_all_there_were() -> None:
    four = _offers(addon=["A1", "A2", "A3", "A4"])
    answered = {"A1": True, "A2": False}
    assert _states(offered=four, answered=answered, lines={}, details=AGREED, regional=False)[
        "addons"
    ] == ("missing", 2)
    answered["A4"] = False
    assert _states(offered=four, answered=answered, lines={}, details=AGREED, regional=False)[
        "addons"
    ] == ("done", 3)
    two = _offers(addon=["A1", "A2"])  # only two to offer: both answered is enough
    done = _states(
        offered=two, answered={"A1": True}, lines={"A2": Decimal(1)}, details=AGREED, regional=False
    )
    assert done["addons"] == ("done", 2)


def test_a_kind_with_nothing_to_offer_does_not_count_against_the_operator() -> None:
    states = _states(offered=_offers(), answered={}, lines={}, details=AGREED, regional=False)
    assert {states["new"], states["special"], states["traditional"]} == {"n/a"}
    assert states["addons"] == ("n/a", 0)
    assert states["regional"] == "n/a"


def test_delivery_receiver_payment_and_documents_each_count_and_are_listed_missing() -> None:
    bare = OrderDetails(None, None, "  ", None, [], None, None, None)
    checks = meter(offered=(), answered={}, lines={}, details=bare, regional=False)
    assert [c.code for c in missing(checks)] == ["delivery", "receiver", "payment", "documents"]
    assert {c.requirement for c in missing(checks)} == {"R16"}
    assert missing(meter(offered=(), answered={}, lines={}, details=AGREED, regional=False)) == []


def test_a_regional_client_agrees_pickup_or_shipping() -> None:
    no_way = meter(offered=(), answered={}, lines={}, details=AGREED, regional=True)
    assert [(c.code, c.requirement) for c in missing(no_way)] == [("regional", "R17")]
    pickup = OrderDetails(None, None, "Ana", "cash on delivery", ["invoice"],
                          datetime(2026, 11, 28, 10), None, None)  # fmt: skip
    assert missing(meter(offered=(), answered={}, lines={}, details=pickup, regional=True)) == []
    shipped = OrderDetails(date(2026, 11, 29), None, "Ana", "prepayment", ["invoice"], None,
                           "Split, Obala 1", None)  # fmt: skip
    assert missing(meter(offered=(), answered={}, lines={}, details=shipped, regional=True)) == []
