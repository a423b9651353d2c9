"""Alembic environment: the engine comes from the desk, never from an ini file."""

from __future__ import annotations

from alembic import context

from assistant.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - alembic CLI use without the desk
    from assistant.config import get_settings
    from assistant.db import make_engine

    engine = make_engine(get_settings().database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode recreates tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
