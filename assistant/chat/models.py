"""What an answer is made of: the text, its sources and the SQL facts behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

import numpy as np

from knowledge.models import Chunk, Hit


class Retriever(Protocol):
    """The knowledge base's search (knowledge.retriever.Retriever has this shape)."""

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        kinds: Sequence[str] | None = None,
        client_type: str | None = None,
        context: str = "",
        context_weight: float = 0.0,
    ) -> list[Hit]: ...


class SentenceSource(Protocol):
    """Sentence vectors kept at ingest (knowledge.store.KnowledgeStore has this shape)."""

    def sentence_vectors(self, chunks: Sequence[Chunk]) -> Mapping[str, np.ndarray]: ...


@dataclass(frozen=True)
class ProductFact:
    """A product the question names, with its price in the client's column and its stock."""

    sku: str
    name: str
    unit: str
    pack_size: Decimal
    column: str | None
    price: Decimal | None
    stock: Decimal | None


@dataclass(frozen=True)
class ClientContext:
    """The client on the line: whose price column applies and why."""

    code: str
    name: str
    type: str
    column: str
    why: str


@dataclass(frozen=True)
class Facts:
    """What SQL says about the question: the client and the products it names."""

    client: ClientContext | None = None
    products: tuple[ProductFact, ...] = ()
    # Whether the question asked about prices, stock or the client (facts are shown then).
    asks_price: bool = False
    asks_stock: bool = False
    asks_client: bool = False
    # The price column the question named ("in column B"): prices are given in it.
    asked_column: str | None = None

    @property
    def empty(self) -> bool:
        """True when there is nothing from SQL worth saying."""
        return not self.products and not (self.asks_client and self.client)


@dataclass(frozen=True)
class Answer:
    """The answer in Markdown and the passages it comes from, in rank order."""

    text: str
    hits: tuple[Hit, ...] = ()
    facts: Facts = field(default_factory=Facts)
    mode: str = "extractive"  # "extractive" | "llm" | "fallback"
    cited: tuple[int, ...] = ()  # 1-based numbers of the sources the text cites
    # The documents' sentence that answers, and its source (0-based index into hits).
    lead: str = ""
    lead_source: int | None = None
    # The supporting passages: the end of `text`, which the screens draw folded away.
    passages: str = ""

    @property
    def opening(self) -> str:
        """The text without the supporting passages: what an operator reads first."""
        if self.passages and self.text.endswith(self.passages):
            return self.text[: -len(self.passages)].rstrip()
        return self.text

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `desk ask --json`."""
        return {
            "answer": self.text,
            "lead": self.lead,
            "lead_source": self.lead_source,
            "sources": [hit.as_source() for hit in self.hits],
        }
