"""The sandbox: its own copy of the demo company, the persona in it, and the live data untouched."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from assistant.auth.rights import Actor
from assistant.calls.card import ClientCard
from assistant.calls.models import Call, OfferMade
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.orders.models import Order
from assistant.simulator.player import live_counts, play
from assistant.simulator.sandbox import Sandbox, template
from assistant.training.models import TrainingRun
from assistant.training.scenario import Scenario, find
from tests.conftest import _engine_for
from tests.training.conftest import RUNS

DAY = date(2026, 11, 26)


def _actions(run: str) -> list[dict]:
    path = RUNS / f"{run}.jsonl"
    return [json.loads(r) for r in path.read_text("utf-8").splitlines() if r.strip()]


def test_training_never_writes_an_order_call_or_offer_to_the_live_database(
    settings: Settings, engine: Engine
) -> None:
    before = live_counts(settings.database_url)
    assert before == {"orders": 0, "calls": 0, "offers_made": 0}
    played = play(
        settings=settings,
        scenario_id="ordinary-order",
        language="en",
        actions=_actions("ordinary-order"),
        user="tina",
    )
    assert played["score"] == 100
    assert played["live_database_written"] is False
    assert live_counts(settings.database_url) == before
    with engine.connect() as conn:
        for table in (Order, Call, OfferMade):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
        # Only the result is kept live: who practised what, and the score.
        runs = conn.execute(select(TrainingRun.user, TrainingRun.scenario, TrainingRun.score))
        assert runs.all() == [("tina", "ordinary-order", 100)]


def test_the_sandbox_holds_the_order_and_is_dropped_on_close(
    settings: Settings, engine: Engine
) -> None:
    from assistant.calls.state import LiveCall
    from assistant.db import make_session_factory
    from assistant.simulator.session import TrainingCall

    scenario = find("ordinary-order", "en")
    training = TrainingCall.start(
        settings=settings,
        scenario=scenario,
        user="tina",
        mode="practice",
        live_sessions=make_session_factory(engine),
        today=DAY,
    )
    url = training.sandbox.url
    assert url != settings.database_url
    try:
        call = LiveCall()
        training.identify(call, "K0001")
        with training.services.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Call)) == 1
            assert s.scalar(select(func.count()).select_from(OfferMade)) > 0
        # The product names came embedded with the template: a price question waits not.
        assert training.services.product_vectors.refresh() == 0
    finally:
        training.close()
    assert live_counts(settings.database_url) == {"orders": 0, "calls": 0, "offers_made": 0}
    if url.startswith("sqlite"):
        assert not Path(url.removeprefix("sqlite:///")).exists()
    else:
        schema = url.rsplit("search_path%3D", 1)[-1].rsplit("search_path=", 1)[-1]
        with engine.connect() as conn:
            found = conn.execute(
                text("select count(*) from information_schema.schemata where schema_name = :s"),
                {"s": schema},
            ).scalar_one()
        assert found == 0


def test_the_template_is_built_once_per_migration_head_and_day(settings: Settings) -> None:
    from assistant.simulator.sandbox import migration_head

    first = template(settings, DAY)
    assert migration_head() in first.name and DAY.isoformat() in first.name
    stamp = first.stat().st_mtime_ns
    assert template(settings, DAY) == first
    assert first.stat().st_mtime_ns == stamp  # reused, not rebuilt


@pytest.fixture
def sqlite_settings(sqlite_url: str, tmp_path: Path) -> Settings:
    """The persona tests need no second backend: the sandbox is built the same way."""
    _engine_for(sqlite_url)
    return Settings(database_url=sqlite_url, chroma_path=tmp_path / "chroma", embeddings="fake")


def _card(settings: Settings, scenario: Scenario, query: str) -> ClientCard:
    sandbox = Sandbox.open(settings=settings, scenario=scenario, today=DAY)
    try:
        return sandbox.services.cards.card(query=query, actor=Actor.system())
    finally:
        sandbox.close()


@pytest.mark.parametrize(
    ("scenario", "code", "blocked", "route_to"),
    [("blocked-overdue", "K0004", True, "M10"), ("key-kam-present", "K0003", False, "M01")],
)
def test_the_persona_is_put_into_the_sandbox(
    sqlite_settings: Settings, scenario: str, code: str, blocked: bool, route_to: str
) -> None:
    card = _card(sqlite_settings, find(scenario, "en"), code)
    assert card.credit.blocked is blocked
    assert card.route.to is not None and card.route.to.code == route_to


def _persona(**change: object) -> Scenario:
    base = find("ordinary-order", "en")
    return replace(base, client=replace(base.client, **change))


def test_a_kam_absent_sends_the_key_client_to_another_kam(sqlite_settings: Settings) -> None:
    card = _card(sqlite_settings, _persona(code="K0003", manager="absent"), "K0003")
    assert card.client is not None and card.client.manager is not None
    assert card.client.manager.available is False
    assert card.route.to is not None and card.route.to.code != card.client.manager.code


def test_debt_over_the_limit_blocks_the_client(sqlite_settings: Settings) -> None:
    card = _card(sqlite_settings, _persona(debt="over_limit"), "K0001")
    assert card.credit.blocked and card.credit.overdue == 0


def test_no_debt_clears_the_demo_debt(sqlite_settings: Settings) -> None:
    card = _card(sqlite_settings, _persona(code="K0004", debt="none"), "K0004")
    assert not card.credit.blocked and card.route.takes_order


def test_no_manager_and_no_history_make_a_new_client(sqlite_settings: Settings) -> None:
    card = _card(sqlite_settings, _persona(manager="none", history="none"), "K0001")
    assert card.client is not None and card.client.manager is None
    assert not card.route.takes_order  # a new client goes to the head of the department (R5)


def test_regional_and_the_receiver_the_client_names(sqlite_settings: Settings) -> None:
    card = _card(sqlite_settings, _persona(regional=True), "K0001")
    assert card.client is not None and card.client.regional
    assert "Ana Kovač" in card.client.receivers


def test_an_unknown_client_code_is_a_clear_error(sqlite_settings: Settings) -> None:
    with pytest.raises(DeskError, match="the demo company has no client K9999"):
        Sandbox.open(settings=sqlite_settings, scenario=_persona(code="K9999"), today=DAY)
    left = list(
        (Path(sqlite_settings.database_url.removeprefix("sqlite:///")).parent / "training").glob(
            "sandbox-*"
        )
    )
    assert left == []  # the half-made sandbox is dropped


def test_the_sandbox_day_is_fixed_so_model_runs_never_go_stale(sqlite_settings: Settings) -> None:
    from assistant.simulator.sandbox import TRAINING_DAY

    sandbox = Sandbox.open(settings=sqlite_settings, scenario=find("key-kam-present", "en"))
    try:
        assert sandbox.today == TRAINING_DAY
        assert sandbox.services.placement is not None
    finally:
        sandbox.close()
