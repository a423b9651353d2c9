"""The client card: who is calling, what to do with the call, credit, column, offers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.catalog.pricing import ColumnChoice, choose_column
from assistant.clients.lookup import ClientDirectory, ClientMatch
from assistant.clients.models import Client
from assistant.clients.routing import RouteDecision, Router
from assistant.credit.service import CreditService, CreditStatus
from assistant.offers import Offers, OfferService
from assistant.rules import Rules

_NO_DEBT = CreditStatus(
    overdue=0.0, balance=0.0, limit=None, blocked=False, reason="Unknown caller: no account."
)


@dataclass(frozen=True)
class ClientCard:
    """Everything the operator needs on screen for one caller."""

    query: str
    client: Client | None
    type_label: str | None
    route: RouteDecision
    credit: CreditStatus
    column: ColumnChoice | None
    offers: Offers
    matches: list[ClientMatch] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `desk card`."""
        return {
            "client": _client_dict(self.client, self.type_label),
            "route": self.route.as_dict(),
            "credit": self.credit.as_dict(),
            "price_column": self.column.column if self.column else None,
            "price_column_why": self.column.why if self.column else None,
            "offers": self.offers.as_dict(),
            "other_matches": [m.as_dict() for m in self.matches[1:]],
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
        today: Callable[[], date] = date.today,
    ) -> None:
        self._directory = directory
        self._router = router
        self._credit = credit
        self._offers = offers
        self._rules = rules
        self._today = today

    def card(
        self,
        *,
        query: str,
        purpose: str = "order",
        draft_skus: Sequence[str] = (),
        as_of: date | None = None,
    ) -> ClientCard:
        """The card for whoever `query` (phone, code or name) finds; best match first."""
        matches = self._directory.find(query)
        client = self._directory.get(matches[0].client_id) if matches else None
        return self.card_for(
            client=client,
            query=query,
            purpose=purpose,
            draft_skus=draft_skus,
            as_of=as_of,
            matches=matches,
        )

    def card_for(
        self,
        *,
        client: Client | None,
        query: str = "",
        purpose: str = "order",
        draft_skus: Sequence[str] = (),
        as_of: date | None = None,
        matches: list[ClientMatch] | None = None,
    ) -> ClientCard:
        """The card of a client already picked (or of an unknown caller when None)."""
        day = as_of or self._today()
        if client is None:
            route = self._router.route(client=None, purpose=purpose)
            empty = Offers(new=[], special=[], traditional=[], addons=[])
            return ClientCard(query, None, None, route, _NO_DEBT, None, empty, matches or [])
        credit = self._credit.check(client_id=client.id, limit=client.credit_limit, as_of=day)
        route = self._router.route(
            client=client,
            purpose=purpose,
            is_new=self._router.is_new(client),
            credit_blocked=credit.blocked,
        )
        column = choose_column(client, self._rules.prices)
        offers = self._offers.offers_for(
            client_id=client.id,
            client_type=client.type,
            price_column=column.column,
            draft_skus=draft_skus,
            as_of=day,
        )
        label = self._rules.routing.type_label(client.type)
        return ClientCard(query, client, label, route, credit, column, offers, matches or [])


def _client_dict(client: Client | None, type_label: str | None) -> dict[str, Any] | None:
    if client is None:
        return None
    manager = client.manager
    return {
        "code": client.code,
        "name": client.name,
        "type": client.type,
        "type_label": type_label,
        "phone": client.phones[0].phone if client.phones else None,
        "phones": [p.phone for p in client.phones],
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
        "receivers": [p.name for p in client.receivers],
        "addresses": [a.address for a in client.addresses],
    }
