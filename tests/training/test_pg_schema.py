"""Training sandboxes on PostgreSQL: filled from one template schema, ids that go on,
and schemas a dead server left behind dropped by the next call."""

from __future__ import annotations

import time
from datetime import date
from functools import partial

import pytest
from sqlalchemy import func, select, text

from assistant.clients.models import Client, Department
from assistant.config import Settings
from assistant.db import make_engine, make_session_factory
from assistant.simulator import pg_schema
from assistant.simulator.sandbox import SCALE, SEED, embed_product_names, migration_head

pytestmark = pytest.mark.postgres
DAY = date(2026, 11, 26)


def _schemas(url: str, prefix: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return pg_schema._schemas(conn, prefix)
    finally:
        engine.dispose()


def _open(url: str) -> tuple[str, str]:
    # As the sandbox opens it: the template gets the product names' vectors.
    settings = Settings(database_url=url, embeddings="fake")
    then = partial(embed_product_names, settings)
    return pg_schema.open_schema(
        url,
        head=migration_head(),
        day=DAY,
        scale=SCALE,
        seed=SEED,
        then=then,
        tag=settings.embeddings,
    )


def test_two_sandboxes_share_one_template_and_each_holds_the_whole_demo(
    postgres_url: str,
) -> None:
    first_url, first = _open(postgres_url)
    second_url, second = _open(postgres_url)
    try:
        assert first != second
        templates = _schemas(postgres_url, pg_schema.TEMPLATE_PREFIX)
        assert len(templates) == 1 and not templates[0].endswith("_partial")
        counts: list[int] = []
        for url in (first_url, second_url):
            engine = make_engine(url)
            with make_session_factory(engine)() as session:
                counts.append(session.scalar(select(func.count()).select_from(Client)) or 0)
                # The copied ids are not handed out again: a new row gets the next one.
                top = session.scalar(select(func.max(Department.id)))
                session.add(Department(code="training-new", name="New"))
                session.commit()
                new = session.scalar(select(Department.id).where(Department.code == "training-new"))
                assert new is not None and new == (top or 0) + 1
            engine.dispose()
        assert counts[0] == counts[1] and counts[0] > 0
    finally:
        pg_schema.drop_schema(postgres_url, first)
        pg_schema.drop_schema(postgres_url, second)
    assert first not in _schemas(postgres_url, pg_schema.PREFIX)


def test_a_schema_older_than_a_day_is_dropped_when_the_next_call_opens(
    postgres_url: str,
) -> None:
    old = f"{pg_schema.PREFIX}{int(time.time()) - pg_schema.ABANDONED_AFTER - 60}_deadbeef"
    recent = f"{pg_schema.PREFIX}{int(time.time()) - 60}_cafebabe"
    engine = make_engine(postgres_url).execution_options(isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for schema in (old, recent):
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    _url, opened = _open(postgres_url)
    try:
        left = _schemas(postgres_url, pg_schema.PREFIX)
        assert old not in left
        assert recent in left and opened in left
    finally:
        for schema in (recent, opened):
            pg_schema.drop_schema(postgres_url, schema)
