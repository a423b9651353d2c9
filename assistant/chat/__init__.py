"""Knowledge answers for operators: retrieval, SQL facts and an optional LLM, with sources."""

from __future__ import annotations

from assistant.chat.answerer import Answerer, AnswerStream
from assistant.chat.models import Answer

__all__ = ["Answer", "AnswerStream", "Answerer"]
