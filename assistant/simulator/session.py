"""A training call: the live call's own services on a sandbox, a simulated client, a score.

The trainee (or the headless player) drives `services.live` exactly as the live call page
does, with a `LiveCall`; the client's lines follow from what has happened so far, in the
scenario's order, so the same actions always give the same transcript.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.rights import Actor
from assistant.calls.card import ClientCard
from assistant.calls.compliance import meter
from assistant.calls.state import LiveCall, OrderDetails
from assistant.chat.llm import make_chat_model
from assistant.chat.models import Answer
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.i18n import LANGUAGES
from assistant.services import Services
from assistant.simulator.readback import discounts_stated, order_of, transferred_to_of
from assistant.simulator.sandbox import Sandbox
from assistant.simulator.voice import rephrase
from assistant.text import terms as search_terms
from assistant.timeutil import utcnow
from assistant.training.progress import TrainingLog
from assistant.training.scenario import Scenario, find
from assistant.training.scoring import CallFacts, Scorecard, score

PURPOSES = {
    "order": "order",
    "information": "info",
    "certificate": "info",
    "complaint": "complaint",
}


@dataclass(frozen=True)
class Said:
    """One line of the transcript."""

    who: str  # "client" | "desk"
    text: str


class TrainingCall:
    """One simulated call on its own sandbox; `finish` scores it into the live database."""

    def __init__(
        self,
        *,
        sandbox: Sandbox,
        scenario: Scenario,
        user: str,
        mode: str,
        live_sessions: sessionmaker[Session],
    ) -> None:
        self.sandbox = sandbox
        self.scenario = scenario
        self.user = user
        self.mode = mode
        self.started_at: datetime = utcnow()
        self._clock = time.monotonic()
        self._live = TrainingLog(session_factory=live_sessions)
        # Whatever the trainee's roles, in the sandbox it takes calls and places orders.
        self.actor = Actor.of(user, ("operator",), training=True)
        self.card: ClientCard | None = None
        self.details: OrderDetails | None = None
        self.asked: list[tuple[str, tuple[str, ...]]] = []  # question, documents cited
        self._said: list[int] = []  # indexes of the scenario lines said, in order
        self._words: dict[int, str] = {}  # how each was said (rephrased once, then kept)
        self._llm = make_chat_model(sandbox.services.settings)  # None without DESK_LLM_URL
        self.scorecard: Scorecard | None = None
        self.attempted = False  # "Place order" pressed, whatever the desk answered
        self.refusals: list[str] = []  # what the desk said when it refused the order

    @classmethod
    def start(
        cls,
        *,
        settings: Settings,
        scenario: Scenario,
        user: str,
        mode: str,
        live_sessions: sessionmaker[Session],
        today: date | None = None,
    ) -> TrainingCall:
        """Open a sandbox with the scenario's persona; the client is on the line."""
        sandbox = Sandbox.open(settings=settings, scenario=scenario, today=today)
        # The offers model is built now: the first card then shows offers at once.
        sandbox.services.offers.preload()
        return cls(
            sandbox=sandbox, scenario=scenario, user=user, mode=mode, live_sessions=live_sessions
        )

    @property
    def services(self) -> Services:
        return self.sandbox.services

    @property
    def purpose(self) -> str:
        """The call's purpose as the call log knows it."""
        return PURPOSES[self.scenario.wants.purpose]

    def identify(self, call: LiveCall, query: str) -> ClientCard:
        """The trainee typed the caller: the card opens, the call is registered, offers shown."""
        matches = self.services.cards.matches(query, actor=self.actor)
        client_id = matches[0].client_id if matches else None
        call.purpose = self.purpose
        card = self.services.live.card(
            call, query=query, purpose=self.purpose, client_id=client_id, actor=self.actor
        )
        self.card = card
        self.show_offers(call)
        return card

    def show_offers(self, call: LiveCall) -> None:
        """The offers panel is drawn again (after the card or a change of the lines)."""
        if self.card is not None and self.card.client is not None and not call.closed_outcome:
            self.services.live.offers(call, self.card, actor=self.actor)

    def agree_delivery(self, details: OrderDetails) -> None:
        """The delivery section was filled: the client answers about delivery."""
        self.details = details

    def ask(self, question: str) -> Answer:
        """The Ask panel in training; the documents it cites are kept for R19."""
        code = self.card.client.code if self.card and self.card.client else None
        answer = self.services.answerer.answer(question, actor=self.actor, client_code=code)
        docs = tuple(_short(hit.chunk.doc) for hit in answer.hits)
        wanted = self.scenario.wants
        if not docs and wanted.answer_source and _same_question(question, self._questions()):
            # No knowledge index to cite from (a headless run before `desk ingest`): the
            # client's own question asked counts as looked up in the document that answers it.
            docs = (wanted.answer_source,)
        self.asked.append((question, docs))
        return answer

    def happened(self, call: LiveCall) -> set[str]:
        """The triggers that have fired so far."""
        kinds = {kind for _sku, kind in call.recorded}
        seen = {"call_start"}
        facts = {
            "identified": call.call_id is not None,
            "line_added": bool(call.lines) or call.placed_order_no is not None,
            "offer_made": bool(kinds & {"new", "special", "traditional"}),
            "addon_offered": "addon" in kinds,
            "offer_answered": bool(call.answered),
            "discount_asked": self.scenario.reactions.asks_discount and bool(call.lines),
            "delivery_asked": self.details is not None,
            "question_answered": bool(self.asked),
            "order_placed": call.placed_order_no is not None,
            "transferred": call.ended == "transferred",
            "call_end": call.closed_outcome is not None,
        }
        return seen | {name for name, fired in facts.items() if fired}

    def transcript(self, call: LiveCall) -> list[Said]:
        """The client's lines due so far: each once, in file order among those due."""
        due = self.happened(call)
        for index, line in enumerate(self.scenario.lines):
            if index not in self._said and line.on in due:
                self._said.append(index)
        return [Said("client", self._words_of(i)) for i in self._said]

    def _words_of(self, index: int) -> str:
        """A line as the client says it: the scenario's words, or the LLM's, fixed once said."""
        if index not in self._words:
            said = self.scenario.lines[index].say
            if self._llm is not None:
                said = rephrase(said, llm=self._llm, language=self.scenario.language)
            self._words[index] = said
        return self._words[index]

    def facts(self, call: LiveCall) -> CallFacts:
        """The call as the sandbox's desk saw it."""
        card = self.card or self._card_of_persona()
        quote = self.services.live.quote(call, card) if card.client and call.lines else None
        regional = bool(card.client and card.client.regional)
        checks = meter(
            offered=call.recorded,
            answered=call.answered,
            lines=list(call.lines),
            details=self.details,
            regional=regional,
        )
        transferred_to = transferred_to_of(self.services, call.call_id)
        names = {}
        for code in {card.route.to.code if card.route.to else None, transferred_to} - {None}:
            person = self.services.router.person(str(code))
            if person is not None:
                names[str(code)] = person.name
        return CallFacts(
            identified=call.call_id is not None,
            takes_order=card.route.takes_order,
            route_to=card.route.to.code if card.route.to else None,
            credit_blocked=card.credit.blocked,
            transferred_to=transferred_to,
            names=names,
            order=order_of(self.services, call.call_id),
            right_column=card.column.column if card.column else None,
            checks={c.code: c.state for c in checks},
            discounts_in_play=bool(quote and (quote.prompts or quote.discounts)),
            discounts_stated=discounts_stated(self.services, self.scenario.language, call.ticked),
            asked_docs=tuple(doc for _q, docs in self.asked for doc in docs),
            today=self.sandbox.today,
            order_attempted=self.attempted,
        )

    def finish(self, call: LiveCall) -> Scorecard:
        """Score the call and keep the run in the live database (results only)."""
        seconds = round(time.monotonic() - self._clock)
        scorecard = score(self.scenario, self.facts(call), seconds=seconds)
        self._live.record(
            user=self.user,
            scenario=self.scenario.id,
            language=self.scenario.language,
            mode=self.mode,
            scorecard=scorecard,
            started_at=self.started_at,
        )
        self.scorecard = scorecard
        return scorecard

    def close(self) -> None:
        """Drop the sandbox."""
        self.sandbox.close()

    def _questions(self) -> list[str]:
        """The client's question in the scenario's language and in the other one's file."""
        questions = [self.scenario.wants.question or ""]
        for other in LANGUAGES:
            if other != self.scenario.language:
                try:
                    questions.append(find(self.scenario.id, other).wants.question or "")
                except DeskError:
                    continue
        return questions

    def _card_of_persona(self) -> ClientCard:
        persona = self.scenario.client
        query = persona.code or persona.phone or ""
        return self.services.cards.card(query=query, actor=self.actor, purpose=self.purpose)


def _short(doc: str) -> str:
    """A cited document as the scenarios name it: its path under knowledge/sources."""
    marker = "sources/"
    return doc.split(marker, 1)[1] if marker in doc else doc


def _same_question(asked: str, questions: list[str]) -> bool:
    """Whether the trainee asked what the client asked: most of its search terms."""
    said = set(search_terms(asked))
    for question in questions:
        wanted = set(search_terms(question))
        if wanted and len(wanted & said) >= 0.6 * len(wanted):
            return True
    return False
