"""The one composition root: settings in, every service of the desk out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from assistant.calls.card import CardService
from assistant.calls.live import LiveCalls
from assistant.calls.service import CallLog
from assistant.catalog.pricing import PriceBook
from assistant.catalog.search import ProductSearch
from assistant.clients.account import ClientAccount
from assistant.clients.lookup import ClientDirectory
from assistant.clients.routing import Router
from assistant.config import Settings
from assistant.credit.service import CreditService
from assistant.db import make_engine, make_session_factory, writer
from assistant.errors import DeskError
from assistant.offers import OfferService
from assistant.orders.placement import OrderPlacement
from assistant.orders.queries import OrderBook
from assistant.orders.quote import Quoter
from assistant.rules import Rules, load_rules
from knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class Services:
    """Everything the CLI and the screens call."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    rules: Rules
    directory: ClientDirectory
    router: Router
    credit: CreditService
    prices: PriceBook
    offers: OfferService
    cards: CardService
    catalog: ProductSearch
    quotes: Quoter
    placement: OrderPlacement
    orders: OrderBook
    calls: CallLog
    account: ClientAccount
    knowledge: KnowledgeBase
    live: LiveCalls
    # Set once the knowledge search has been warmed up (or tried to): the Ask panel says so.
    knowledge_ready: threading.Event = field(default_factory=threading.Event)

    def warm_up(self) -> None:
        """Build what the first call would wait for; run in the background after a start."""
        self.offers.preload()
        try:
            # The embedding model and the lexical index take seconds on the first question.
            self.knowledge.retriever.lexical_index()
            self.knowledge.store.embeddings.embed_query("warm-up")
        finally:
            self.knowledge_ready.set()


def build_services(settings: Settings, *, today: Callable[[], date] = date.today) -> Services:
    """Build the desk for `settings`; `today` is pinned by tests and evaluations."""
    engine = _engine(settings.database_url)
    sessions = make_session_factory(engine)
    rules = load_rules(settings.rules_dir)
    directory = ClientDirectory(
        session_factory=sessions, default_country_code=settings.default_country_code
    )
    router = Router(session_factory=sessions, rules=rules.routing)
    credit = CreditService(session_factory=sessions)
    prices = PriceBook(session_factory=sessions)
    offers = OfferService(
        session_factory=sessions,
        new_item_days=settings.new_item_days,
        addon_count=settings.addon_count,
        type_labels={code: rule.label for code, rule in rules.routing.client_types.items()},
    )
    placement = OrderPlacement(
        session_factory=sessions,
        write_session_factory=make_session_factory(writer(engine)),
        directory=directory,
        router=router,
        credit=credit,
        prices=prices,
        price_rules=rules.prices,
        today=today,
    )
    cards = CardService(
        directory=directory, router=router, credit=credit, offers=offers, rules=rules, today=today
    )
    catalog = ProductSearch(session_factory=sessions)
    quotes = Quoter(prices=prices, price_rules=rules.prices)
    calls = CallLog(session_factory=sessions)
    live = LiveCalls(
        cards=cards,
        log=calls,
        directory=directory,
        catalog=catalog,
        quotes=quotes,
        placement=placement,
        operator=settings.operator,
    )
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        rules=rules,
        directory=directory,
        router=router,
        credit=credit,
        prices=prices,
        offers=offers,
        cards=cards,
        catalog=catalog,
        quotes=quotes,
        placement=placement,
        orders=OrderBook(session_factory=sessions),
        calls=calls,
        account=ClientAccount(session_factory=sessions),
        knowledge=KnowledgeBase(settings=settings, session_factory=sessions),
        live=live,
    )


def _engine(url: str) -> Engine:
    """The one place the database backend is chosen, with an error that says how to fix it."""
    try:
        backend = make_url(url).get_backend_name()
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several types here
        raise DeskError(
            f"DESK_DATABASE_URL {url!r} is not a database URL ({exc}). Use e.g. "
            "sqlite:///data/desk.db or postgresql+psycopg://user@host:5432/desk."
        ) from exc
    match backend:
        case "sqlite" | "postgresql":
            return make_engine(url)
        case other:
            raise DeskError(
                f"DESK_DATABASE_URL uses {other!r}; the desk runs on SQLite (default) or "
                "PostgreSQL (postgresql+psycopg://...)."
            )
