"""Imports every table so metadata is complete (for migrations and tests)."""

from assistant.auth.models import AuditEntry, User
from assistant.calls.models import Call, CallDraft, OfferMade
from assistant.catalog.models import Price, PriceColumn, Product, SpecialPosition
from assistant.catalog.vectors import ProductVector
from assistant.clients.models import (
    AuthorisedPerson,
    Client,
    ClientPhone,
    DeliveryAddress,
    Department,
    Manager,
)
from assistant.credit.models import Receivable
from assistant.db import Base
from assistant.discounts.models import DiscountRule
from assistant.feedback.models import FeedbackItem
from assistant.orders.models import HistoryLine, Order, OrderLine, OrderStatusChange
from assistant.outbound.models import (
    CallbackAttempt,
    CallbackRequest,
    CallTask,
    SurveyAnswer,
    SurveyQuestion,
    TaskClient,
)
from assistant.script.models import ScriptVersion
from assistant.training.models import QuizAnswer, QuizQuestion, TrainingRun
from knowledge.registry_models import KnowledgeDocument, KnowledgeEvent

__all__ = [
    "TaskClient",
    "SurveyQuestion",
    "SurveyAnswer",
    "FeedbackItem",
    "CallTask",
    "CallbackRequest",
    "CallbackAttempt",
    "AuditEntry",
    "AuthorisedPerson",
    "Base",
    "Call",
    "CallDraft",
    "Client",
    "ClientPhone",
    "DeliveryAddress",
    "Department",
    "DiscountRule",
    "HistoryLine",
    "KnowledgeDocument",
    "KnowledgeEvent",
    "Manager",
    "OfferMade",
    "Order",
    "OrderLine",
    "OrderStatusChange",
    "Price",
    "PriceColumn",
    "Product",
    "ProductVector",
    "QuizAnswer",
    "QuizQuestion",
    "Receivable",
    "ScriptVersion",
    "SpecialPosition",
    "TrainingRun",
    "User",
]
