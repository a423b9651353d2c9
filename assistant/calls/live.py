"""The live call as use cases: open it, record offers shown and answered, place, wrap up."""

from __future__ import annotations

from decimal import Decimal

from assistant.auth.rights import Actor
from assistant.calls.card import CardService, ClientCard
from assistant.calls.compliance import shown_offers
from assistant.calls.service import CallLog
from assistant.calls.state import LiveCall, OrderDetails
from assistant.catalog.search import ProductSearch
from assistant.clients.lookup import ClientDirectory
from assistant.db import write_or_recover
from assistant.errors import DeskError
from assistant.feedback.items import FeedbackNote
from assistant.i18n import _
from assistant.offers import OfferItem, Offers
from assistant.orders.draft import OrderDraft
from assistant.orders.placement import OrderPlacement, PlacedOrder
from assistant.orders.quote import Quote, Quoter, whole_packs
from assistant.script.library import ScriptLibrary


class LiveCalls:
    """What the live call page does, below the screen: each step one call of a method."""

    def __init__(
        self,
        *,
        cards: CardService,
        log: CallLog,
        directory: ClientDirectory,
        catalog: ProductSearch,
        quotes: Quoter,
        placement: OrderPlacement,
        scripts: ScriptLibrary,
    ) -> None:
        self._cards = cards
        self._log = log
        self._directory = directory
        self._catalog = catalog
        self._quotes = quotes
        self._placement = placement
        self._scripts = scripts

    def card(
        self, call: LiveCall, *, query: str, purpose: str, client_id: int | None, actor: Actor
    ) -> ClientCard:
        """The picked caller's card (offers apart, see `offers`); the call is registered (R1)."""
        card = self._cards.card_of(
            client_id=client_id, actor=actor, query=query, purpose=purpose, with_offers=False
        )
        self.register(call, query=query, card=card, purpose=purpose, actor=actor)
        return card

    def register(
        self, call: LiveCall, *, query: str, purpose: str, card: ClientCard, actor: Actor
    ) -> None:
        """Start the call once the caller is typed, or re-link it when another client is picked."""
        client_id = card.client.id if card.client else None
        phone = self._directory.normalise(query)
        if call.call_id is None:
            # The database going away here (a restart) is a refusal the operator can retry
            # by pressing Enter again, never a driver's error; a call row counts no money.
            call.call_id = write_or_recover(
                lambda: self._log.start(
                    actor=actor,
                    phone=phone,
                    client_id=client_id,
                    purpose=purpose,
                    direction=call.direction,
                    script_version=self._scripts.active().value.version,
                ),
                recover=lambda: None,
            )
            call.client_id = client_id
        elif call.client_id != client_id and not call.closed_outcome:
            self._log.set_client(
                call_id=call.call_id, client_id=client_id, phone=phone, actor=actor
            )
            call.client_id = client_id

    def offers(self, call: LiveCall, card: ClientCard, *, actor: Actor) -> Offers | None:
        """What to offer beside the order as it is now, each recorded as made (R12).

        Never waits for the offers model: None while it warms up after a start.
        """
        offers = self._cards.offers_for(card, draft_skus=list(call.lines), wait=False)
        fresh = [pair for pair in shown_offers(offers) if pair not in call.recorded]
        if fresh and call.call_id is not None and not call.closed_outcome:
            self._log.record_offers(call_id=call.call_id, offers=fresh, actor=actor)
            call.recorded.update(fresh)
        if offers is not None:
            call.offered, call.offered_to = offers, card.client.id if card.client else None
        return offers

    def answer_offer(self, call: LiveCall, *, sku: str, accepted: bool, actor: Actor) -> None:
        """The client took or declined an offer; DeskError if the log cannot say so."""
        call.answered[sku] = accepted
        if call.call_id is not None:
            self._log.answer_offer(call_id=call.call_id, sku=sku, accepted=accepted, actor=actor)

    def take_offer(self, call: LiveCall, item: OfferItem, *, actor: Actor) -> None:
        """The offer goes on the order in the client's usual quantity, in whole packs."""
        if call.placed_order_no:
            raise DeskError(_("This order is placed: start another order for the client first."))
        hit = self._catalog.get(item.sku, column=None)
        pack = hit.pack_size if hit is not None else Decimal(1)
        usual = Decimal(str(item.usual_qty)) if item.usual_qty else pack
        call.add(item.sku, whole_packs(usual, pack))
        self.answer_offer(call, sku=item.sku, accepted=True, actor=actor)

    def quote(self, call: LiveCall, card: ClientCard) -> Quote:
        """The order so far, priced in the card's column."""
        column = card.column.column if card.column else ""
        client_type = card.client.type if card.client else None
        # The order panel and the offers' discount prompts redraw together after each
        # change: the second asks for the same quote, so it is kept until the lines change.
        key = (column, client_type, tuple(call.lines.items()))
        if call.quoted is None or call.quoted[0] != key:
            quote = self._quotes.in_column(
                column=column, lines=call.draft_lines(), client_type=client_type
            )
            call.quoted = (key, quote)
        return call.quoted[1]

    def tick(self, call: LiveCall, step: str, *, done: bool, actor: Actor) -> None:
        """The operator ticked a script step the desk cannot see done (or took the tick back)."""
        if done:
            call.ticked.add(step)
        else:
            call.ticked.discard(step)
        if call.call_id is not None:
            self._log.tick(call_id=call.call_id, step=step, done=done, actor=actor)

    def place(
        self,
        call: LiveCall,
        card: ClientCard,
        details: OrderDetails,
        override: str | None,
        skipped: dict[str, str] | None = None,
        *,
        actor: Actor,
    ) -> PlacedOrder | None:
        """Place the order and wrap the call up; None with `call.problems` set when refused."""
        if card.client is None:
            raise DeskError(_("Identify the caller to take an order."))
        draft = OrderDraft(
            client_code=card.client.code,
            idempotency_key=call.order_key,
            lines=tuple(call.draft_lines()),
            delivery_date=details.delivery_date,
            delivery_window=details.window,
            receiver=details.receiver,
            payment=details.payment,
            documents=tuple(details.documents),
            pickup_at=details.pickup_at,
            ship_to=details.ship_to,
            notes=details.notes,
            call_id=call.call_id,
            override_route_reason=override,
            skipped=skipped or {},
        )
        try:
            placed = self._placement.place(draft=draft, actor=actor)
        except DeskError as err:
            call.problems = {p.field or "order": p.message for p in err.problems}
            return None
        call.problems.clear()
        call.skipped.update(skipped or {})
        call.placed_order_no, call.placed_total = placed.order_no, placed.total
        call.placed_delivery = draft.delivery_date or (
            draft.pickup_at.date() if draft.pickup_at else None
        )
        self.wrap_up_order(call, actor=actor)
        return placed

    def wrap_up_order(self, call: LiveCall, *, actor: Actor) -> None:
        """The order is placed: offers on it count as accepted, the call as an order (R1, R12)."""
        if call.call_id is None:
            return
        offered = {sku for sku, _kind in call.recorded}
        for sku in call.lines:
            if sku in offered:
                try:
                    self._log.answer_offer(
                        call_id=call.call_id, sku=sku, accepted=True, actor=actor
                    )
                except DeskError:
                    continue
        self._log.finish(call_id=call.call_id, outcome="order_placed", purpose="order", actor=actor)
        call.ended = "order_placed"
        call.closed_outcome = _("order {order_no} placed").format(order_no=call.placed_order_no)

    def transfer(self, call: LiveCall, card: ClientCard, *, actor: Actor) -> None:
        """Transfer to whom routing says, logged with the reason (R4-R6, R9)."""
        to = card.route.to
        if to is None or call.call_id is None or call.closed_outcome:
            return
        self._log.finish(
            call_id=call.call_id,
            outcome="transferred",
            transferred_to=to.code,
            reason=card.route.reason,
            actor=actor,
        )
        call.closed_outcome = _("transferred to {person}").format(person=to.title)
        call.ended = "transferred"

    def close(
        self,
        call: LiveCall,
        *,
        outcome: str,
        notes: str | None,
        said: str,
        actor: Actor,
        feedback: FeedbackNote | None = None,
    ) -> None:
        """Close the call with an outcome; `said` is how the screen words it afterwards.

        `feedback` is the client's comment for a department: an item of its queue (R20).
        """
        if call.call_id is None:
            raise DeskError(
                _("Type the caller first: the call is registered when the caller is known.")
            )
        if call.closed_outcome:
            raise DeskError(
                _("This call is closed already ({outcome}).").format(outcome=call.closed_outcome)
            )
        if notes and "\x00" in notes:  # PostgreSQL cannot store it; SQLite would
            raise DeskError(
                _("The {field} holds a NUL character (0x00): type it again without it.").format(
                    field=_("notes")
                ),
                field="notes",
            )
        purpose = {"complaint": "complaint", "info_given": "info"}.get(outcome)
        self._log.finish(
            call_id=call.call_id,
            outcome=outcome,
            notes=notes,
            purpose=purpose,
            actor=actor,
            feedback=feedback,
        )
        call.closed_outcome, call.ended = said, outcome
