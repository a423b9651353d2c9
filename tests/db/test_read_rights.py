"""Reading client data and prices needs any role but trainee (issue 10), on both backends."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from assistant.auth.rights import ROLES, Actor, Forbidden
from tests import factories as f

# Each read the pages and the CLI make, as one call for an actor.
READS: dict[str, Callable[[Any, Actor], object]] = {
    "card": lambda desk, actor: desk.cards.card(query="01 234 5678", actor=actor),
    "matches": lambda desk, actor: desk.cards.matches("K1", actor=actor),
    "card_of": lambda desk, actor: desk.cards.card_of(client_id=None, actor=actor),
    "orders.list": lambda desk, actor: desk.orders.list(actor=actor),
    "orders.get": lambda desk, actor: desk.orders.get("ORD-1", actor=actor),
    "calls.list": lambda desk, actor: desk.calls.list(actor=actor),
    "calls.show": lambda desk, actor: desk.calls.show(1, actor=actor),
    "calls.counts": lambda desk, actor: desk.calls.counts(actor=actor),
    "product search": lambda desk, actor: desk.catalog.find("OIL", column="C", actor=actor),
}


@pytest.fixture
def desk(services: Any, session_factory) -> Any:
    """One client with a phone, and one call from it."""
    with session_factory.begin() as s:
        f.columns(s)
        f.client(s, "K1", type="key", manager=f.manager(s, "KAM"), phone="01 234 5678")
        f.product(s, "OIL", prices={"C": "9.00"})
    services.calls.start(actor=Actor.of("ana", ["operator"]), phone="012345678", client_id=None)
    return services


@pytest.mark.parametrize("read", list(READS))
def test_a_trainee_reads_no_client_data_and_is_told_what_is_missing(desk, read: str) -> None:
    with pytest.raises(Forbidden) as refused:
        READS[read](desk, Actor.of("nova", ["trainee"]))
    assert refused.value.code == "forbidden"
    assert refused.value.message.startswith("Reading client data and prices needs the operator")
    # A refused attempt is in the audit log like a refused change.
    (row,) = [r for r in desk.audit.list(actor=Actor.system()) if r["actor"] == "nova"]
    assert (row["action"], row["outcome"]) == ("data.read", "forbidden")


def test_a_trainee_on_a_training_call_reads_what_it_practises_on(desk) -> None:
    practising = Actor.of("nova", ["trainee"], training=True)
    assert READS["card"](desk, practising).client.code == "K1"  # type: ignore[attr-defined]
    assert [h.sku for h in READS["product search"](desk, practising)] == ["OIL"]  # type: ignore[attr-defined]
    assert not practising.may("order.place") and not practising.may("call.record")


def test_the_ask_box_refuses_a_trainee_before_it_searches_anything(services) -> None:
    with pytest.raises(Forbidden, match="Reading client data"):
        services.answerer.answer("price of oil?", actor=Actor.of("nova", ["trainee"]))


@pytest.mark.parametrize("role", [r for r in ROLES if r != "trainee"])
def test_every_other_role_reads_the_card_the_orders_and_the_calls(desk, role: str) -> None:
    actor = Actor.of(f"{role}-user", [role])
    assert READS["card"](desk, actor).client.code == "K1"  # type: ignore[attr-defined]
    assert [m.code for m in READS["matches"](desk, actor)] == ["K1"]  # type: ignore[attr-defined]
    assert READS["orders.list"](desk, actor) == []
    assert [c["operator"] for c in READS["calls.list"](desk, actor)] == ["ana"]  # type: ignore[attr-defined]
    assert READS["calls.counts"](desk, actor).calls == 1  # type: ignore[attr-defined]
    assert [h.price for h in READS["product search"](desk, actor)] == [Decimal("9.00")]  # type: ignore[attr-defined]
