"""Answers with sources: retrieval, SQL facts, and an LLM when one is configured."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel

from assistant import metrics
from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.catalog.search import ProductSearch
from assistant.catalog.vectors import ProductVectors
from assistant.chat import followup, prompt, texts
from assistant.chat import lead as leads
from assistant.chat.extractive import compose, supporting, terms
from assistant.chat.facts import FactFinder, facts_markdown
from assistant.chat.models import Answer, ClientContext, Facts, Retriever, SentenceSource
from assistant.chat.passages import bearing, merge_overlapping, names_a_product
from assistant.clients.lookup import ClientDirectory
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.rules import PriceRules
from knowledge.models import Hit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """Everything an answer is built from, found before any text is written."""

    question: str
    hits: tuple[Hit, ...]
    facts: Facts
    facts_text: str
    lead: leads.Lead = leads.NO_LEAD


class Answerer:
    """Answers operators' questions from the documents, with numbers from SQL."""

    def __init__(
        self,
        *,
        retriever: Retriever,
        catalog: ProductSearch,
        directory: ClientDirectory,
        price_rules: PriceRules,
        llm: BaseChatModel | None = None,
        embeddings: Embeddings | None = None,
        product_vectors: ProductVectors | None = None,
        sentences: SentenceSource | None = None,
    ) -> None:
        self._sessions = directory.sessions
        self._retriever = retriever
        self._facts = FactFinder(
            catalog=catalog, directory=directory, price_rules=price_rules, vectors=product_vectors
        )
        self._llm = llm
        self._embeddings = embeddings
        self._sentences = sentences

    @property
    def uses_llm(self) -> bool:
        """Whether answers are composed by a language model (and stream)."""
        return self._llm is not None

    def client(self, code: str | None) -> ClientContext | None:
        """The client on the line by code (raises UnknownClient for a wrong code)."""
        return self._facts.client(code)

    @metrics.measured("questions")
    def prepare(
        self,
        question: str,
        *,
        actor: Actor,
        k: int = 5,
        client_code: str | None = None,
        after: Sequence[str] = (),
    ) -> Prepared:
        """Retrieve passages (filtered by the client's type) and read the SQL facts.

        `after` holds the questions asked before this one in the conversation, oldest
        first: a follow-up is searched in their context.
        """
        # Answers quote prices, client terms and the price lists: the right to read them.
        audit.guard_read(self._sessions, actor, "ask")
        # A NUL means nothing in a question, and PostgreSQL refuses it in the SQL facts.
        question = question.replace("\x00", "").strip()
        if not question:
            raise DeskError(_(texts.EMPTY_QUESTION), field="question")
        if len(question) > texts.QUESTION_LIMIT:
            raise DeskError(
                _(texts.QUESTION_TOO_LONG).format(length=len(question), limit=texts.QUESTION_LIMIT),
                field="question",
            )
        client = self._facts.client(client_code)
        searched, context, weight = self._in_context(question, after)
        client_type = client.type if client else None
        if context and weight > 0:
            hits = self._retriever.search(
                searched, k=max(1, k), client_type=client_type, context=context,
                context_weight=weight,
            )  # fmt: skip
        else:  # a question on its own is searched exactly as before
            hits = self._retriever.search(searched, k=max(1, k), client_type=client_type)
        facts = self._facts.facts(searched, client=client)
        if context and weight > 0 and not facts.products:
            # "And in column B?" after a product's price: the product is in the context.
            earlier = self._facts.facts(f"{context} {searched}", client=client)
            facts = earlier if earlier.products else facts
        query = terms(searched)
        # One passage per repeated text, and none beside the point when SQL answers.
        shown = bearing(merge_overlapping(hits), facts, query)
        # When the database answered for a product, a sentence about another one misleads.
        lead = self.lead(
            searched, query, shown, found=hits, allowed=partial(names_a_product, facts=facts)
        )
        return Prepared(question, tuple(shown), facts, facts_markdown(facts), lead)

    def lead(
        self,
        question: str,
        query: set[str],
        shown: Sequence[Hit],
        *,
        found: Sequence[Hit],
        allowed: Callable[[str], bool] | None = None,
    ) -> leads.Lead:
        """The sentence of the shown passages that answers, by words and by meaning."""
        return leads.lead_for(
            question,
            query,
            shown,
            found=found,
            sentences=self._sentences,
            embeddings=self._embeddings,
            allowed=allowed,
        )

    def _in_context(self, question: str, after: Sequence[str]) -> tuple[str, str, float]:
        """What to search for a question after `after`: (question, context, its weight).

        With a model the question is rewritten to stand alone; without one (or when the
        model fails) the earlier questions' words count, less than the question's own.
        """
        earlier = [q.replace("\x00", "").strip() for q in after if q and q.strip()]
        if not earlier:
            return question, "", 0.0
        earlier = [q[: texts.QUESTION_LIMIT] for q in earlier]
        if self._llm is not None:
            condensed = followup.condense(self._llm, question, earlier)
            if condensed:
                return condensed, "", 0.0
        return question, followup.context_text(earlier), followup.context_weight(question)

    def answer(
        self,
        question: str,
        *,
        actor: Actor,
        k: int = 5,
        client_code: str | None = None,
        after: Sequence[str] = (),
    ) -> Answer:
        """The whole answer at once (the CLI, tests)."""
        return self.stream(
            question, actor=actor, k=k, client_code=client_code, after=after
        ).result()

    def stream(
        self,
        question: str,
        *,
        actor: Actor,
        k: int = 5,
        client_code: str | None = None,
        after: Sequence[str] = (),
    ) -> AnswerStream:
        """An answer whose text arrives piece by piece (token by token with an LLM)."""
        ready = self.prepare(question, actor=actor, k=k, client_code=client_code, after=after)
        return AnswerStream(self, ready)

    def extractive(self, ready: Prepared, *, mode: str = "extractive", note: str = "") -> Answer:
        """The answer without a model: facts, the lead, then the passages with it in bold."""
        # Facts come first, as in the streamed answer, so the stream and the result agree.
        head = "\n\n".join(p for p in (ready.facts_text, f"_{note}_" if note else "") if p)
        opening = compose(ready.hits, lead=ready.lead, facts_text=head)
        passages = supporting(ready.hits, ready.lead)
        text = "\n\n".join(p for p in (opening, passages) if p)
        return _answer(text, ready, mode, passages=passages)

    def llm_tokens(self, ready: Prepared) -> Iterator[str]:
        """The model's answer token by token (raises whatever the model client raises)."""
        assert self._llm is not None
        for chunk in self._llm.stream(
            prompt.messages(ready.question, ready.hits, facts=ready.facts_text)
        ):
            yield str(chunk.text)


class AnswerStream:
    """Text pieces to show as they come; `result()` is the finished Answer."""

    def __init__(self, answerer: Answerer, ready: Prepared) -> None:
        self._answerer = answerer
        self.ready = ready
        self._answer: Answer | None = None

    @property
    def hits(self) -> tuple[Hit, ...]:
        """The sources, known before the text."""
        return self.ready.hits

    def __iter__(self) -> Iterator[str]:
        if self._answer is not None:
            yield self._answer.text
            return
        ready = self.ready
        if not self._answerer.uses_llm or not ready.hits:
            # No model, or nothing to compose from: a model would only guess.
            self._answer = self._answerer.extractive(ready)
            yield self._answer.text
            return
        yield from self._compose(ready)

    def _compose(self, ready: Prepared) -> Iterator[str]:
        head = f"{ready.facts_text}\n\n" if ready.facts_text else ""
        if head:
            yield head
        pieces: list[str] = []
        try:
            for piece in self._answerer.llm_tokens(ready):
                pieces.append(piece)
                yield piece
        except Exception as exc:  # noqa: BLE001 - any model failure falls back, never a crash
            log.warning("the LLM failed, answering extractively: %s", exc)
            note = _(texts.LLM_FAILED).format(reason=_reason(exc))
            if pieces:  # half an answer is kept, marked as cut short
                tail = f"\n\n_{note}_"
                yield tail
                self._finish(head + "".join(pieces) + tail, ready, "fallback")
                return
            self._answer = self._answerer.extractive(ready, mode="fallback", note=note)
            yield self._answer.text[len(head) :]  # the facts were shown already
            return
        self._finish(head + "".join(pieces), ready, "llm")

    def _finish(self, text: str, ready: Prepared, mode: str) -> None:
        body, cited = prompt.citations(text, sources=len(ready.hits))
        if not cited and not prompt.says_not_found(body):
            body = f"{body}\n\n_{_(texts.UNCITED)}_"
        self._answer = _answer(body, ready, mode, cited=cited)

    def result(self) -> Answer:
        """The finished answer (reads the rest of the stream if it was not read)."""
        if self._answer is None:
            for _piece in self:
                pass
        assert self._answer is not None
        return self._answer


def _answer(
    text: str, ready: Prepared, mode: str, *, cited: tuple[int, ...] = (), passages: str = ""
) -> Answer:
    """The finished answer; the lead goes with it whoever wrote the text."""
    lead = ready.lead
    return Answer(text, ready.hits, ready.facts, mode, cited, lead.sentence, lead.source, passages)


def _reason(exc: Exception) -> str:
    """A short reason for the note (the class name when the message is empty)."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (message[:120] or type(exc).__name__).rstrip(".")
