"""The rights table: each role allows what the issue says, and a refusal says what is missing."""

from __future__ import annotations

import pytest

from assistant.auth.rights import RIGHTS, ROLES, Actor, Forbidden, require


def test_each_action_is_allowed_by_exactly_its_roles() -> None:
    for action, (allowed, _what) in RIGHTS.items():
        for role in ROLES:
            actor = Actor.of("u", [role])
            assert actor.may(action) == (role in allowed), (action, role)


def test_a_refusal_names_the_action_and_the_role_it_needs() -> None:
    with pytest.raises(Forbidden) as refused:
        require(Actor.of("ivo", ["editor"]), "order.place")
    assert refused.value.code == "forbidden"
    assert refused.value.message == "Placing orders needs the operator role."


def test_a_trainee_never_writes_real_orders_whatever_else_it_holds() -> None:
    both = Actor.of("nova", ["operator", "trainee"])
    assert not both.may("order.place") and not both.may("call.record")
    with pytest.raises(Forbidden, match="not for trainees"):
        require(both, "order.place")


def test_the_system_account_may_do_everything_and_unknown_actions_nothing() -> None:
    system = Actor.system()
    assert all(system.may(action) for action in RIGHTS)
    assert not system.may("launch.rockets")


def test_only_heads_and_admins_read_the_audit_log() -> None:
    readers = {role for role in ROLES if Actor.of("u", [role]).may("audit.read")}
    assert readers == {"head", "admin"}
    assert Actor.system().may("audit.read")
