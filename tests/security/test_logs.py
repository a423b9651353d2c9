"""Logs carry ids, not client names, phones or prices (R21), through a whole call."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from assistant.auth.rights import Actor
from assistant.calls.state import LiveCall, OrderDetails
from tests import factories as f
from tests.conftest import TODAY

NAME = "Konzum Hostile d.d."
PHONE = "01 555 6677"
SECRETS = (NAME, "Konzum", "555 6677", "5556677", "+38515556677", "13.37")


@pytest.fixture
def desk(services) -> Any:
    with services.sessions.begin() as s:
        f.columns(s)
        mgr = f.manager(s, "MGR")
        f.client(s, "M1", type="marketer", manager=mgr, phone=PHONE, name=NAME)
        f.product(s, "OIL", prices={"A": "13.37", "B": "13.37", "C": "13.37"})
    services.offers.preload()
    return services


def test_a_call_with_an_order_logs_no_client_name_phone_or_price(desk, caplog) -> None:
    for package in ("assistant", "ingest", "knowledge"):
        caplog.set_level(logging.DEBUG, logger=package)
    call = LiveCall()
    client = desk.directory.by_code("M1")
    card = desk.live.card(call, query=PHONE, purpose="order", client_id=client.id, actor=f.acting())
    desk.live.offers(call, card, actor=f.acting())
    call.add("OIL", Decimal(2))
    details = OrderDetails(
        delivery_date=TODAY + timedelta(days=1),
        window="08-12",
        receiver=NAME,
        payment="cash on delivery",
        documents=["invoice"],
        pickup_at=None,
        ship_to=None,
        notes=f"call {PHONE}",
    )
    assert desk.live.place(call, card, details, None, actor=f.acting()) is not None
    # A refused attempt is logged too: it names the action and the user, never the client.
    trainee = Actor.of("trainee1", ("trainee",))
    refused = LiveCall()
    refused.add("OIL", Decimal(2))
    assert desk.live.place(refused, card, details, None, actor=trainee) is None
    assert "trainees" in refused.problems["order"]
    assert any("refused" in r.getMessage() for r in caplog.records)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    for secret in SECRETS:
        assert secret not in logged
