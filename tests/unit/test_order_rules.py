"""Order rules the live call uses: lines that add up, and what the form offers (R16, R17)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from assistant.calls.compliance import shown_offers
from assistant.calls.state import LiveCall
from assistant.offers import OfferItem, Offers
from assistant.orders import terms
from assistant.orders.lines import add_line


def test_a_product_added_twice_is_one_line_with_both_quantities() -> None:
    lines: dict[str, Decimal] = {}
    add_line(lines, "OIL", Decimal(6))
    add_line(lines, "SUGAR", Decimal(2))
    add_line(lines, "OIL", Decimal(12))
    assert lines == {"OIL": Decimal(18), "SUGAR": Decimal(2)}


def test_the_call_adds_to_its_lines_and_tells_the_grid_they_changed() -> None:
    call = LiveCall()
    call.add("OIL", Decimal(6))
    call.add("OIL", Decimal(6))
    assert call.lines == {"OIL": Decimal(12)}
    assert call.editor_version == 2


def test_another_order_in_the_same_call_gets_a_new_key_and_empty_lines() -> None:
    call = LiveCall(call_id=7)
    call.add("OIL", Decimal(6))
    first_key = call.order_key
    call.placed_order_no, call.placed_total = "D-1", Decimal(60)
    call.next_order()
    assert call.lines == {} and call.placed_order_no is None and call.placed_total is None
    assert call.order_key != first_key and call.call_id == 7


def test_the_form_proposes_tomorrow_and_a_morning_pickup() -> None:
    assert terms.first_delivery_day(date(2026, 11, 30)) == date(2026, 12, 1)
    assert terms.default_pickup(date(2026, 12, 31)) == datetime(2027, 1, 1, 10, 0)


def test_the_documents_signed_by_default_are_the_invoice_and_the_delivery_note() -> None:
    assert terms.DEFAULT_DOCUMENTS == ("invoice", "delivery note")
    assert set(terms.DEFAULT_DOCUMENTS) <= set(terms.DOCUMENTS)
    assert terms.PICKUP in terms.REGIONAL_MODES and terms.SHIPPING in terms.REGIONAL_MODES


def test_delivery_windows_follow_each_other_through_the_day() -> None:
    hours = [tuple(int(h) for h in w.split("-")) for w in terms.DELIVERY_WINDOWS]
    assert all(start < end for start, end in hours)
    assert all(a[1] == b[0] for a, b in zip(hours, hours[1:], strict=False))


def test_offers_shown_are_recorded_with_each_items_own_kind() -> None:
    def item(sku: str, kind: str) -> OfferItem:
        return OfferItem(sku=sku, name=sku, kind=kind, why="")

    offers = Offers(
        new=[item("N", "new")],
        special=[item("S", "special")],
        traditional=[item("T", "traditional")],
        addons=[item("A", "addon")],
    )
    assert shown_offers(offers) == [
        ("N", "new"),
        ("S", "special"),
        ("T", "traditional"),
        ("A", "addon"),
    ]
    assert shown_offers(None) == []
