"""A sandbox per training call: its own copy of the demo company, the scenario's persona in it.

On SQLite the sandbox is a copy of a template file (the demo company, small scale, seed 7)
built once into the data dir next to the live database and rebuilt when the migration head
or the day changes (the demo's dates are relative to its day). On PostgreSQL it is a schema
of its own, filled from a template schema (`pg_schema`), dropped on close. Either way the
live database is never written: the sandbox's services are built on the sandbox's URL, and
only the knowledge base (Chroma, read only by a training call) is shared.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import uuid
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, partial
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.catalog.vectors import ProductVectors
from assistant.clients.models import AuthorisedPerson, Client
from assistant.config import Settings
from assistant.credit.models import Receivable
from assistant.db import make_engine, make_session_factory, migrate, transaction
from assistant.demo import create_demo
from assistant.discounts.models import DiscountRule
from assistant.errors import DeskError
from assistant.i18n import _, use_language
from assistant.orders.models import HistoryLine
from assistant.services import Services, build_services
from assistant.simulator import pg_schema
from assistant.training.scenario import Scenario
from knowledge.embeddings import make_embeddings

SCALE, SEED = "small", 7
# The sandbox's business day unless one is given. Fixed, not the calendar's: the demo
# company, its offers and so the model runs' add-ons are the same on every day (a demo
# built for another day ranks other add-ons), and one template serves every run.
TRAINING_DAY = date(2026, 11, 26)
_building = threading.Lock()


@cache
def migration_head() -> str:
    """The newest migration: a template made before it is stale."""
    from alembic.script import ScriptDirectory

    from assistant.db import MIGRATIONS_DIR

    return str(ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head())


def data_dir(settings: Settings) -> Path:
    """Where training keeps its files: next to the live SQLite file, else beside Chroma."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().parent / "training"
    return settings.chroma_path.resolve().parent / "training"


def template(settings: Settings, today: date) -> Path:
    """The demo company as a SQLite file for `today`, built once and reused."""
    folder = data_dir(settings)
    # The product names' vectors are the embedding model's: each model has its template.
    model = re.sub(r"[^a-z0-9]", "", settings.embeddings.lower())
    path = folder / f"template-{migration_head()}-{today.isoformat()}-{SCALE}-{SEED}-{model}.db"
    if path.is_file():
        return path
    with _building:
        if path.is_file():
            return path
        folder.mkdir(parents=True, exist_ok=True)
        # Built under another name and renamed: a second process never copies half a file.
        fd, partial = tempfile.mkstemp(dir=folder, suffix=".partial")
        os.close(fd)
        os.unlink(partial)
        engine = make_engine(f"sqlite:///{partial}")
        try:
            migrate(engine)
            sessions = make_session_factory(engine)
            create_demo(session_factory=sessions, scale=SCALE, seed=SEED, today=today)
            embed_product_names(settings, sessions)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        os.replace(partial, path)
        # Templates of an older migration head are never used again.
        for stale in folder.glob("template-*.db"):
            if not stale.name.startswith(f"template-{migration_head()}-"):
                stale.unlink(missing_ok=True)
    return path


def embed_product_names(settings: Settings, sessions: sessionmaker[Session]) -> None:
    """The template's product names embedded once, as an import does: a trainee's first
    price question does not wait seconds for them in every sandbox."""
    ProductVectors(
        session_factory=sessions,
        embeddings=make_embeddings(settings.embeddings),
        model=settings.embeddings,
    ).refresh()


class Sandbox:
    """One training call's own database and the desk's services built on it."""

    def __init__(self, *, url: str, services: Services, today: date, drop: str | None) -> None:
        self.url = url
        self.services = services
        self.today = today
        self._drop = drop  # the file or the schema to remove on close

    @classmethod
    def open(cls, *, settings: Settings, scenario: Scenario, today: date | None = None) -> Sandbox:
        """A fresh sandbox for `scenario`, its persona applied."""
        day = today or TRAINING_DAY
        live = make_url(settings.database_url)
        if live.get_backend_name() == "postgresql":
            url, drop = pg_schema.open_schema(
                settings.database_url,
                head=migration_head(),
                day=day,
                scale=SCALE,
                seed=SEED,
                then=partial(embed_product_names, settings),
                tag=settings.embeddings,
            )
        else:
            folder = data_dir(settings)
            copy = folder / f"sandbox-{uuid.uuid4().hex[:12]}.db"
            shutil.copyfile(template(settings, day), copy)
            url, drop = f"sqlite:///{copy}", str(copy)
        sandbox_settings = settings.model_copy(update={"database_url": url})
        services = build_services(sandbox_settings, today=lambda: day)
        sandbox = cls(url=url, services=services, today=day, drop=drop)
        try:
            apply_persona(sandbox, scenario)
        except BaseException:
            sandbox.close()
            raise
        return sandbox

    def close(self) -> None:
        """Drop the sandbox's file or schema."""
        self.services.engine.dispose()
        if self._drop is None:
            return
        if self.url.startswith("sqlite"):
            for suffix in ("", "-wal", "-shm"):
                Path(self._drop + suffix).unlink(missing_ok=True)
        else:
            pg_schema.drop_schema(self.url, self._drop)
        self._drop = None


def apply_persona(sandbox: Sandbox, scenario: Scenario) -> None:
    """Put the scenario's caller into the sandbox: debt, manager, region, history, receiver."""
    persona = scenario.client
    if persona.code is None:
        return  # a new caller: nobody in the demo answers on its phone (NEW_CALLER_PHONE)
    with transaction(sandbox.services.sessions) as session:
        client = session.scalars(select(Client).where(Client.code == persona.code)).one_or_none()
        if client is None:
            raise DeskError(
                _("Scenario {id}: the demo company has no client {code}.").format(
                    id=scenario.id, code=persona.code
                ),
                field="client.code",
            )
        if persona.manager == "none":
            client.manager_id = None
        elif client.manager is not None:
            client.manager.available = persona.manager == "present"
        client.regional = persona.regional
        if persona.history == "none":
            session.execute(delete(HistoryLine).where(HistoryLine.client_id == client.id))
        _set_debt(session, client, persona.debt, sandbox.today)
        if scenario.reactions.asks_discount and scenario.wants.lines:
            session.add(_programme_in_reach(scenario))
        receiver = scenario.delivery.receiver if scenario.delivery else None
        if receiver and receiver not in {p.name for p in client.receivers}:
            session.add(AuthorisedPerson(client_id=client.id, name=receiver))


def _programme_in_reach(scenario: Scenario) -> DiscountRule:
    """A client who asks for a discount has management's programme in reach (R14, R15).

    The demo company has no programmes: this one asks for twice the first line, so the
    order as the client states it has half of it, and the desk prompts the operator.
    """
    first = scenario.wants.lines[0]
    with use_language(scenario.language):
        title = _("Volume discount")
    return DiscountRule(
        code=f"TRAINING-{first.sku}",
        title=title,
        client_types="",
        sku=first.sku,
        min_qty=first.qty * 2,
        percent=Decimal(5),
    )


def _set_debt(session: Session, client: Client, debt: str, today: date) -> None:
    session.execute(delete(Receivable).where(Receivable.client_id == client.id))
    limit = client.credit_limit or Decimal(5000)
    client.credit_limit = limit
    if debt == "overdue":
        session.add(
            Receivable(
                client_id=client.id,
                document=f"TR-{client.code}-1",
                amount=Decimal("842.50"),
                due_date=today - timedelta(days=21),
            )
        )
    elif debt == "over_limit":
        session.add(
            Receivable(
                client_id=client.id,
                document=f"TR-{client.code}-1",
                amount=limit + Decimal("1250.00"),
                due_date=today + timedelta(days=14),
            )
        )
