"""The one composition root: settings in, every service of the desk out."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.audit import AuditLog
from assistant.auth.users import UserBook
from assistant.calls.card import CardService
from assistant.calls.declined import DeclinedOffers
from assistant.calls.drafts import CallDrafts
from assistant.calls.live import LiveCalls
from assistant.calls.script_gate import ScriptGate
from assistant.calls.service import CallLog
from assistant.catalog.pricing import PriceBook
from assistant.catalog.search import ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat import Answerer
from assistant.clients.lookup import ClientDirectory
from assistant.clients.routing import Router
from assistant.config import Settings
from assistant.credit.service import CreditService
from assistant.db import engine_for, make_session_factory, writer
from assistant.discounts.engine import DiscountBook
from assistant.editors.knowledge import KnowledgeEditor
from assistant.feedback.desk import FeedbackDesk
from assistant.offers import OfferService
from assistant.orders.account import ClientAccount
from assistant.orders.placement import OrderPlacement
from assistant.orders.queries import OrderBook
from assistant.orders.quote import Quoter
from assistant.outbound.callbacks import CallbackDesk
from assistant.outbound.sleeping import SleepingClients
from assistant.outbound.tasks import TaskBook
from assistant.reports.service import SalesReports
from assistant.rules import Rules, load_rules
from assistant.rules.phrases import Phrases, load_phrases
from assistant.script.library import ScriptLibrary
from assistant.training.quiz_book import QuizBook, procedures
from ingest.documents.status import IndexingStatus
from knowledge.embeddings import make_embeddings
from knowledge.registry import KnowledgeRegistry
from knowledge.retriever import Retriever
from knowledge.store import KnowledgeStore, make_client

if TYPE_CHECKING:
    from ingest.documents.pipeline import IngestPipeline


@dataclass(frozen=True)
class Services:
    """Everything the CLI and the screens call; the knowledge parts open on first use."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    rules: Rules
    phrases: Phrases
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
    live: LiveCalls
    scripts: ScriptLibrary
    audit: AuditLog
    users: UserBook
    feedback: FeedbackDesk
    sleepers: SleepingClients
    tasks: TaskBook
    callbacks: CallbackDesk
    # Set once the knowledge search has been warmed up (or tried to): the Ask panel says so.
    knowledge_ready: threading.Event = field(default_factory=threading.Event)

    def warm_up(self) -> None:
        """Build what the first call would wait for; run in the background after a start."""
        self.offers.preload()
        try:
            # The embedding model and the lexical index take seconds on the first question.
            self.retriever.lexical_index()
            self.knowledge_store.embeddings.embed_query("warm-up")
        finally:
            self.knowledge_ready.set()

    @cached_property
    def drafts(self) -> CallDrafts:
        """The open calls' drafts in SQL: a call survives its app process (issue 13)."""
        return CallDrafts(session_factory=self.sessions)

    # Chroma and the embedding model take seconds: cached_property opens each on first use
    # (it writes the instance's __dict__ directly, so the frozen dataclass allows it).
    @cached_property
    def knowledge_store(self) -> KnowledgeStore:
        """The Chroma collection (on disk, or the server at DESK_CHROMA_URL)."""
        client = make_client(url=self.settings.chroma_url, path=self.settings.chroma_path)
        return KnowledgeStore(client=client, embeddings=self.embeddings)

    @cached_property
    def embeddings(self) -> Embeddings:
        """The multilingual model, one in memory for the documents and the product names."""
        return make_embeddings(self.settings.embeddings)

    @cached_property
    def retriever(self) -> Retriever:
        """Hybrid retrieval over the store; its lexical index follows the store's changes."""
        return Retriever(store=self.knowledge_store)

    @cached_property
    def product_vectors(self) -> ProductVectors:
        """Product names by meaning (no Chroma store is opened for them)."""
        embeddings, model = self.embeddings, self.settings.embeddings
        return ProductVectors(session_factory=self.sessions, embeddings=embeddings, model=model)

    @cached_property
    def knowledge_registry(self) -> KnowledgeRegistry:
        """Documents, versions and history; opens no store."""
        return KnowledgeRegistry(
            session_factory=self.sessions, knowledge_dir=self.settings.knowledge_dir
        )

    @cached_property
    def ingest_pipeline(self) -> IngestPipeline:
        """Incremental ingest into the store, recorded in the registry."""
        # Imported here: the splitters are not needed until something is indexed.
        from ingest.documents.pipeline import IngestPipeline

        return IngestPipeline(
            store=self.knowledge_store,
            registry=self.knowledge_registry,
            # Only a retriever already built needs telling; a new one reads the store fresh.
            on_change=lambda: self.retriever.refresh() if "retriever" in self.__dict__ else None,
        )

    @cached_property
    def indexing(self) -> IndexingStatus:
        """Whether an ingest (e.g. the first one `make run` starts) is running, and how far."""
        return IndexingStatus(self.settings.chroma_path.parent / "ingest-status.json")

    @cached_property
    def answerer(self) -> Answerer:
        """Questions answered from the knowledge base and the SQL facts."""
        from assistant.chat.llm import make_chat_model

        return Answerer(
            retriever=self.retriever,
            catalog=self.catalog,
            directory=self.directory,
            price_rules=self.rules.prices,
            llm=make_chat_model(self.settings),
            embeddings=self.knowledge_store.embeddings,
            product_vectors=self.product_vectors,
            sentences=self.knowledge_store,
        )

    @cached_property
    def editor(self) -> KnowledgeEditor:
        """The editors' actions; listing documents opens no store, the first change does."""
        return KnowledgeEditor(
            registry=self.knowledge_registry,
            pipeline=lambda: self.ingest_pipeline,
            sessions=self.sessions,
            on_change=self.quizzes.follow,
        )

    @cached_property
    def quizzes(self) -> QuizBook:
        """Quiz questions made from the procedures, kept in step with them; trainees' answers."""
        return QuizBook(
            session_factory=self.sessions, library=lambda: procedures(self.knowledge_registry)
        )

    @cached_property
    def reports(self) -> SalesReports:
        """The head of sales' figures (R26-R27), computed in SQL."""
        return SalesReports(
            session_factory=self.sessions, client_types=self.rules.routing.client_types
        )


def build_services(settings: Settings, *, today: Callable[[], date] = date.today) -> Services:
    """Build the desk for `settings`; `today` is pinned by tests and evaluations."""
    engine = engine_for(settings.database_url)
    sessions = make_session_factory(engine)
    rules = load_rules(settings.rules_dir)
    directory = ClientDirectory(
        session_factory=sessions, default_country_code=settings.default_country_code
    )
    orders = OrderBook(session_factory=sessions)
    router = Router(session_factory=sessions, rules=rules.routing, has_ordered=orders.has_ordered)
    credit = CreditService(session_factory=sessions)
    prices = PriceBook(session_factory=sessions)
    discounts = DiscountBook(session_factory=sessions)
    offers = OfferService(
        session_factory=sessions,
        new_item_days=settings.new_item_days,
        addon_count=settings.addon_count,
        # By language: the offers name the type in the language of each call.
        type_labels={
            code: rule.label_by_language for code, rule in rules.routing.client_types.items()
        },
        today=today,
    )
    scripts = ScriptLibrary(session_factory=sessions)
    placement = OrderPlacement(
        session_factory=sessions,
        write_session_factory=make_session_factory(writer(engine)),
        directory=directory,
        router=router,
        credit=credit,
        prices=prices,
        price_rules=rules.prices,
        discounts=discounts,
        today=today,
        script_gate=ScriptGate(session_factory=sessions, scripts=scripts),
    )
    feedback = FeedbackDesk(session_factory=sessions)
    cards = CardService(
        directory=directory,
        router=router,
        credit=credit,
        offers=offers,
        rules=rules,
        declined=DeclinedOffers(session_factory=sessions),
        feedback=feedback,
        today=today,
    )
    catalog = ProductSearch(session_factory=sessions)
    quotes = Quoter(prices=prices, price_rules=rules.prices, discounts=discounts, today=today)
    calls = CallLog(session_factory=sessions)
    live = LiveCalls(
        cards=cards,
        log=calls,
        directory=directory,
        catalog=catalog,
        quotes=quotes,
        placement=placement,
        scripts=scripts,
    )
    return Services(
        settings=settings,
        engine=engine,
        sessions=sessions,
        rules=rules,
        phrases=load_phrases(settings.rules_dir),
        directory=directory,
        router=router,
        credit=credit,
        prices=prices,
        offers=offers,
        cards=cards,
        catalog=catalog,
        quotes=quotes,
        placement=placement,
        orders=orders,
        calls=calls,
        account=ClientAccount(session_factory=sessions),
        live=live,
        scripts=scripts,
        audit=AuditLog(session_factory=sessions),
        users=UserBook(session_factory=sessions),
        feedback=feedback,
        sleepers=SleepingClients(
            session_factory=sessions, factor=settings.sleeping_factor, today=today
        ),
        tasks=TaskBook(session_factory=sessions, factor=settings.sleeping_factor, today=today),
        callbacks=CallbackDesk(
            session_factory=sessions,
            write_session_factory=make_session_factory(writer(engine)),
            default_country_code=settings.default_country_code,
        ),
    )
