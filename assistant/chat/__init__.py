"""Knowledge answers for operators: retrieval, SQL facts and an optional LLM, with sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.chat.answerer import Answerer, AnswerStream
from assistant.chat.models import Answer

if TYPE_CHECKING:
    from assistant.editors.knowledge import KnowledgeEditor
    from assistant.services import Services

__all__ = ["Answer", "AnswerStream", "Answerer", "build_answerer", "build_editor"]


def build_answerer(services: Services) -> Answerer:
    """The one place an Answerer is put together from the desk's services."""
    from assistant.chat.llm import make_chat_model

    knowledge = services.knowledge
    return Answerer(
        retriever=knowledge.retriever,
        catalog=services.catalog,
        directory=services.directory,
        price_rules=services.rules.prices,
        llm=make_chat_model(services.settings),
        embeddings=knowledge.store.embeddings,
    )


def build_editor(services: Services) -> KnowledgeEditor:
    """The editors' actions on the desk's knowledge base (the store opens on first change)."""
    from assistant.editors.knowledge import KnowledgeEditor

    knowledge = services.knowledge
    return KnowledgeEditor(registry=knowledge.registry, pipeline=lambda: knowledge.pipeline)
