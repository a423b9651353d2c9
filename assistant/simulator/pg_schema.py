"""Training sandboxes on PostgreSQL: a schema per call, filled from a template schema.

Building the demo company takes 10-20 s; copying it inside the server takes well under
one. So the demo is built once per migration head and day into a template schema, and
each training call's schema is migrated (tables, keys, sequences) and then filled from
the template with INSERT ... SELECT, table by table in foreign-key order.

A schema left behind by a server that died mid-call is dropped by the next call that
opens after a day: its name carries the time it was made.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.db import Base, make_engine, make_session_factory, migrate
from assistant.demo import create_demo

PREFIX = "training_"
TEMPLATE_PREFIX = "training_template_"
ABANDONED_AFTER = 24 * 3600  # seconds: no training call lasts a day
# Any constant of our own: only the desk's training takes this advisory lock.
_TEMPLATE_LOCK = 7_260_411
# What else a template gets once its demo company is in.
Fill = Callable[[sessionmaker[Session]], None]


def schema_url(live_url: str, schema: str) -> str:
    """The live URL, every connection of which sees only `schema`."""
    url = make_url(live_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def open_schema(
    live_url: str,
    *,
    head: str,
    day: date,
    scale: str,
    seed: int,
    then: Fill | None = None,
    tag: str = "",
) -> tuple[str, str]:
    """A new schema holding the demo company of `day`: its URL and its name. `then` runs on
    the template once its demo is in (the product names' vectors, by the model `tag`
    names: each model has its template)."""
    admin = _admin(live_url)
    try:
        template = _template(admin, live_url, head=head, day=day, scale=scale, seed=seed, then=then)
        schema = f"{PREFIX}{int(time.time())}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            _drop_abandoned(conn)
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        admin.dispose()
    url = schema_url(live_url, schema)
    engine = make_engine(url)
    try:
        migrate(engine)
        _copy_rows(engine, template)
    finally:
        engine.dispose()
    return url, schema


def drop_schema(live_url: str, schema: str) -> None:
    admin = _admin(live_url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()


def _admin(live_url: str) -> Engine:
    url = make_url(live_url)
    plain = url.set(query={k: v for k, v in url.query.items() if k != "options"})
    return make_engine(plain.render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT"
    )


def _template(
    admin: Engine,
    live_url: str,
    *,
    head: str,
    day: date,
    scale: str,
    seed: int,
    then: Fill | None = None,
    tag: str = "",
) -> str:
    """The template schema for this head and day, built under a lock if it is missing."""
    name = f"{TEMPLATE_PREFIX}{head}_{day:%Y%m%d}_{scale}_{seed}"
    if tag:
        name += f"_{re.sub(r'[^a-z0-9]', '', tag.lower())}"
    with admin.connect() as conn:
        # Two servers opening the first training call of the day build it once.
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _TEMPLATE_LOCK})
        try:
            if not _exists(conn, name):
                partial = f"{name}_partial"
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{partial}" CASCADE'))
                conn.execute(text(f'CREATE SCHEMA "{partial}"'))
                engine = make_engine(schema_url(live_url, partial))
                try:
                    migrate(engine)
                    sessions = make_session_factory(engine)
                    create_demo(session_factory=sessions, scale=scale, seed=seed, today=day)
                    if then is not None:
                        then(sessions)
                finally:
                    engine.dispose()
                # Renamed only when whole: a template is never half-built.
                conn.execute(text(f'ALTER SCHEMA "{partial}" RENAME TO "{name}"'))
                _drop_stale_templates(conn, keep=f"{TEMPLATE_PREFIX}{head}_{day:%Y%m%d}_")
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _TEMPLATE_LOCK})
    return name


def _copy_rows(engine: Engine, template: str) -> None:
    """Every table's rows from the template, then each id sequence past the copied ids."""
    with engine.begin() as conn:
        present = set(inspect(conn).get_table_names())
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            conn.execute(
                text(f'INSERT INTO "{table.name}" SELECT * FROM "{template}"."{table.name}"')
            )
            if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                        f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                    )
                )


def _exists(conn: Connection, name: str) -> bool:
    found = conn.execute(
        text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :n"), {"n": name}
    )
    return found.first() is not None


def _schemas(conn: Connection, prefix: str) -> list[str]:
    rows = conn.execute(
        text("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE :p"),
        {"p": prefix.replace("_", r"\_") + "%"},
    )
    return [row[0] for row in rows]


def _drop_abandoned(conn: Connection) -> None:
    cutoff = time.time() - ABANDONED_AFTER
    for schema in _schemas(conn, PREFIX):
        if schema.startswith(TEMPLATE_PREFIX):
            continue
        made = schema[len(PREFIX) :].split("_", 1)[0]
        if made.isdigit() and int(made) < cutoff:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def _drop_stale_templates(conn: Connection, *, keep: str) -> None:
    """Templates of another migration head or day; those of this one for another model
    stay (another server may be copying one)."""
    for schema in _schemas(conn, TEMPLATE_PREFIX):
        if not schema.startswith(keep) and not schema.endswith("_partial"):
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
