"""Hostile text typed into the desk's fields: stored verbatim, or refused with a reason."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.calls.models import Call
from assistant.calls.state import LiveCall, OrderDetails
from assistant.errors import DeskError
from assistant.orders.models import Order
from tests import factories as f
from tests.conftest import TODAY

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
SQL = "'; DROP TABLE clients; --"
FORMULA = "=cmd|' /C calc'!A0"
CONTROL = "line\r\nbell\x07 escape\x1b[31m"
NUL = "before\x00after"
HUGE = "A" * 100_000


@pytest.fixture
def desk(services) -> Any:
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, phone="01 111 2222")
        f.product(s, "OIL", prices={"A": "10", "B": "9", "C": "8"})
    services.offers.preload()
    return services


def _place(desk: Any, text: str) -> tuple[LiveCall, Any]:
    call = LiveCall()
    client = desk.directory.by_code("M1")
    card = desk.live.card(call, query="M1", purpose="order", client_id=client.id, actor=f.acting())
    call.add("OIL", Decimal(1))
    details = OrderDetails(
        delivery_date=TODAY + timedelta(days=1),
        window="08-12",
        receiver=text,
        payment="cash on delivery",
        documents=["invoice"],
        pickup_at=None,
        ship_to=text,
        notes=text,
    )
    return call, desk.live.place(call, card, details, None, actor=f.acting())


@pytest.mark.parametrize(
    "text", [SCRIPT, SQL, FORMULA, CONTROL], ids=["html", "sql", "formula", "control"]
)
def test_hostile_order_text_is_stored_verbatim(desk, text: str) -> None:
    _call, placed = _place(desk, text)
    assert placed is not None
    with desk.sessions() as s:
        order = s.scalars(select(Order)).one()
    assert (order.receiver, order.ship_to, order.notes) == (text, text, text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (NUL, "The receiver holds a NUL character (0x00): type it again without it."),
        (HUGE, "The receiver is 100000 characters long: shorten it to 200."),
    ],
    ids=["nul", "huge"],
)
def test_nul_bytes_and_100_kb_in_an_order_are_refused_with_a_reason(desk, text, problem) -> None:
    call, placed = _place(desk, text)
    assert placed is None
    assert call.problems["receiver"] == problem
    assert call.problems["notes"].startswith("The notes ")
    with desk.sessions() as s:
        assert s.scalars(select(Order)).all() == []


ANY_TEXT = {"html": SCRIPT, "sql": SQL, "formula": FORMULA, "control": CONTROL, "nul": NUL,
            "huge": HUGE}  # fmt: skip


@pytest.mark.parametrize("text", ANY_TEXT.values(), ids=ANY_TEXT.keys())
def test_the_wrap_up_note_is_stored_verbatim_or_refused_with_a_reason(desk, text: str) -> None:
    call = LiveCall()
    client = desk.directory.by_code("M1")
    desk.live.card(call, query="M1", purpose="info", client_id=client.id, actor=f.acting())
    try:
        desk.live.close(call, outcome="info_given", notes=text, said="info", actor=f.acting())
    except DeskError as err:
        assert text == NUL
        assert err.message == "The notes holds a NUL character (0x00): type it again without it."
        return
    with desk.sessions() as s:
        assert s.scalars(select(Call)).one().notes == text


@pytest.mark.parametrize("text", ANY_TEXT.values(), ids=ANY_TEXT.keys())
def test_the_caller_box_takes_any_text(desk, text: str) -> None:
    card = desk.live.card(LiveCall(), query=text, purpose="order", client_id=None, actor=f.acting())
    assert card.client is None


# NUL and 100 kB once reached the database: a PostgreSQL error and SQLite's "LIKE pattern
# too complex"; the search now drops NUL and looks at the first 200 characters.
@pytest.mark.parametrize("text", ANY_TEXT.values(), ids=ANY_TEXT.keys())
def test_the_product_search_takes_any_text_as_plain_text(desk, text: str) -> None:
    assert desk.catalog.find(text, column="A", actor=Actor.of("ana", ["operator"])) == []


@pytest.mark.parametrize("text", ANY_TEXT.values(), ids=ANY_TEXT.keys())
def test_a_hostile_login_name_is_refused_like_any_wrong_login(desk, text: str) -> None:
    with pytest.raises(DeskError) as refused:
        desk.users.authenticate(name=text, password="x")
    assert refused.value.message == "Wrong username or password."
