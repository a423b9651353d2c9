"""The client card of a call: who is calling, what to do with it, credit, column, offers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from assistant import metrics
from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.calls.declined import DeclinedOffers
from assistant.catalog.pricing import ColumnChoice, choose_column
from assistant.clients.lookup import ClientDirectory, ClientMatch
from assistant.clients.models import Client
from assistant.clients.routing import RouteDecision, Router
from assistant.credit.service import CreditService, CreditStatus
from assistant.db import read_again_once
from assistant.feedback.desk import FeedbackDesk
from assistant.feedback.items import FeedbackView
from assistant.i18n import _
from assistant.offers import Offers, OfferService
from assistant.rules import Rules

_NONE = Offers(new=[], special=[], traditional=[], addons=[])


@dataclass(frozen=True)
class ManagerView:
    """The client's manager as the card shows it."""

    code: str
    name: str
    role: str
    available: bool


@dataclass(frozen=True)
class ClientView:
    """A client as the screens see it: plain values, read once, never a database row."""

    id: int
    code: str
    name: str
    type: str
    city: str | None
    regional: bool
    manager: ManagerView | None
    phones: tuple[str, ...]  # E.164, as stored
    phones_as_typed: tuple[str, ...]  # as the ERP export wrote them
    receivers: tuple[str, ...]
    addresses: tuple[str, ...]
    default_address: str | None

    @classmethod
    def of(cls, client: Client) -> ClientView:
        """Copy what the screens need out of a loaded `Client`."""
        manager = client.manager
        addresses = tuple(a.address for a in client.addresses)
        default = next((a.address for a in client.addresses if a.is_default), None)
        return cls(
            id=client.id,
            code=client.code,
            name=client.name,
            type=client.type,
            city=client.city,
            regional=client.regional,
            manager=None
            if manager is None
            else ManagerView(manager.code, manager.name, manager.role, manager.available),
            phones=tuple(p.phone for p in client.phones),
            phones_as_typed=tuple(p.raw or p.phone for p in client.phones),
            receivers=tuple(p.name for p in client.receivers),
            addresses=addresses,
            default_address=default or (addresses[0] if addresses else None),
        )


@dataclass(frozen=True)
class ClientCard:
    """Everything the operator needs on screen for one caller."""

    query: str
    client: ClientView | None
    type_label: str | None
    route: RouteDecision
    credit: CreditStatus
    column: ColumnChoice | None
    # None when not asked for: the live call draws offers apart (see offers_for).
    offers: Offers | None
    matches: list[ClientMatch] = field(default_factory=list)
    # Departments' answers to the client's comments, not yet told it (R20).
    feedback: tuple[FeedbackView, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `desk card`."""
        offers = self.offers or _NONE
        return {
            "client": _client_dict(self.client, self.type_label),
            "route": self.route.as_dict(),
            "credit": self.credit.as_dict(),
            "price_column": self.column.column if self.column else None,
            "price_column_why": self.column.why if self.column else None,
            "offers": offers.as_dict(),
            "other_matches": [m.as_dict() for m in self.matches[1:]],
            "feedback_answers": [f.as_dict() for f in self.feedback],
        }


class CardService:
    """Assembles the card from lookup, routing, credit, pricing and offers."""

    def __init__(
        self,
        *,
        directory: ClientDirectory,
        router: Router,
        credit: CreditService,
        offers: OfferService,
        rules: Rules,
        declined: DeclinedOffers | None = None,
        feedback: FeedbackDesk | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._directory = directory
        self._feedback = feedback
        self._declined = declined
        self._router = router
        self._credit = credit
        self._offers = offers
        self._rules = rules
        self._today = today

    def card(
        self,
        *,
        query: str,
        actor: Actor,
        purpose: str = "order",
        draft_skus: Sequence[str] = (),
        as_of: date | None = None,
    ) -> ClientCard:
        """The card for whoever `query` (phone, code or name) finds; best match first."""

        def read() -> ClientCard:
            matches = self.matches(query, actor=actor)
            client = self._directory.get(matches[0].client_id) if matches else None
            return self.card_for(
                client=client,
                query=query,
                purpose=purpose,
                draft_skus=draft_skus,
                as_of=as_of,
                matches=matches,
            )

        # A connection killed under the read (a database restart) costs one more try.
        return read_again_once(read)

    def matches(self, query: str, *, actor: Actor) -> list[ClientMatch]:
        """Who `query` (phone, code or name) may be, best first: client data, so guarded."""
        audit.guard_read(self._directory.sessions, actor, "client search")
        return self._directory.find(query)

    def card_of(
        self,
        *,
        client_id: int | None,
        actor: Actor,
        query: str = "",
        purpose: str = "order",
        draft_skus: Sequence[str] = (),
        with_offers: bool = True,
    ) -> ClientCard:
        """The card of the client picked by id (an unknown caller when None or gone)."""
        audit.guard_read(self._directory.sessions, actor, f"client {client_id}")
        return read_again_once(
            lambda: self.card_for(
                client=self._directory.get(client_id) if client_id is not None else None,
                query=query,
                purpose=purpose,
                draft_skus=draft_skus,
                with_offers=with_offers,
            )
        )

    @metrics.measured("cards")
    def card_for(
        self,
        *,
        client: Client | None,
        query: str = "",
        purpose: str = "order",
        draft_skus: Sequence[str] = (),
        as_of: date | None = None,
        matches: list[ClientMatch] | None = None,
        with_offers: bool = True,
    ) -> ClientCard:
        """The card of a client already picked (or of an unknown caller when None).

        Without `with_offers` the card leaves `offers` None: the live call draws them
        apart, with `offers_for`, so that they follow the order as it grows.
        """
        day = as_of or self._today()
        if client is None:
            route = self._router.route(client=None, purpose=purpose)
            return ClientCard(query, None, None, route, _no_debt(), None, _NONE, matches or [])
        credit = self._credit.check(client_id=client.id, limit=client.credit_limit, as_of=day)
        route = self._router.route(
            client=client,
            purpose=purpose,
            is_new=self._router.is_new(client),
            credit_blocked=credit.blocked,
        )
        column = choose_column(client, self._rules.prices)
        label = self._rules.routing.type_label(client.type)
        view = ClientView.of(client)
        answers = tuple(self._feedback.answers_for(client.id)) if self._feedback else ()
        card = ClientCard(
            query, view, label, route, credit, column, None, matches or [], feedback=answers
        )
        if not with_offers:
            return card
        return replace(card, offers=self.offers_for(card, draft_skus=draft_skus, as_of=day))

    def offers_for(
        self,
        card: ClientCard,
        *,
        draft_skus: Sequence[str] = (),
        as_of: date | None = None,
        wait: bool = True,
    ) -> Offers | None:
        """What to offer the card's client; None, unless `wait`, while the model warms up."""
        client = card.client
        if client is None:
            return _NONE
        if not wait and not self._offers.ready:
            return None
        day = as_of or self._today()
        declined = self._declined.skus(client_id=client.id, as_of=day) if self._declined else set()
        return self._offers.offers_for(
            client_id=client.id,
            client_type=client.type,
            price_column=card.column.column if card.column else None,
            draft_skus=draft_skus,
            declined_skus=sorted(declined),
            as_of=day,
        )


def _no_debt() -> CreditStatus:
    """The credit of an unknown caller, said in the language now."""
    return CreditStatus(
        overdue=0.0,
        balance=0.0,
        limit=None,
        blocked=False,
        reason=_("Unknown caller: no account."),
    )


def _client_dict(client: ClientView | None, type_label: str | None) -> dict[str, Any] | None:
    if client is None:
        return None
    manager = client.manager
    return {
        "code": client.code,
        "name": client.name,
        "type": client.type,
        "type_label": type_label,
        "phone": client.phones[0] if client.phones else None,
        "phones": list(client.phones),
        "city": client.city,
        "regional": client.regional,
        "manager": None
        if manager is None
        else {
            "code": manager.code,
            "name": manager.name,
            "role": manager.role,
            "available": manager.available,
        },
        "receivers": list(client.receivers),
        "addresses": list(client.addresses),
    }
