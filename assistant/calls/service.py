"""The call log: every call registered, every offer recorded, every outcome kept (R1, R12)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth import audit
from assistant.auth.rights import Actor
from assistant.calls.conduct import script_report
from assistant.calls.filters import CallCounts, CallFilter, call_dict, narrow
from assistant.calls.models import CALL_DIRECTIONS, CALL_PURPOSES, OFFER_KINDS, Call, OfferMade
from assistant.catalog.models import Product
from assistant.clients.models import Client, Manager
from assistant.errors import DeskError
from assistant.feedback.items import FeedbackNote, add_item
from assistant.i18n import N_, _
from assistant.timeutil import utcnow

CALL_OUTCOMES = (
    "order_placed",
    "transferred",
    "info_given",
    "complaint",
    "callback",
    "no_order",
)
# What a wrong code is refused with, per kind of code (the codes themselves stay English).
_UNKNOWN = {
    "purpose": N_("Unknown purpose {value!r}; use one of: {allowed}."),
    "direction": N_("Unknown direction {value!r}; use one of: {allowed}."),
    "offer kind": N_("Unknown offer kind {value!r}; use one of: {allowed}."),
    "outcome": N_("Unknown outcome {value!r}; use one of: {allowed}."),
}


class CallLog:
    """Writes and reads calls and the offers made in them."""

    def __init__(self, *, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def start(
        self,
        *,
        actor: Actor,
        phone: str | None,
        client_id: int | None,
        purpose: str = "order",
        direction: str = "incoming",
        script_version: str | None = None,
    ) -> int:
        """Register a call as it begins, with the script version it follows; returns its id."""
        _check(purpose, CALL_PURPOSES, "purpose")
        _check(direction, CALL_DIRECTIONS, "direction")
        with audit.audited(self._sessions, actor, "call.record") as session:
            call = Call(
                operator=actor.name,
                phone=phone,
                client_id=client_id,
                purpose=purpose,
                direction=direction,
                script_version=script_version,
            )
            session.add(call)
            session.flush()
            after = {"client_id": client_id, "purpose": purpose, "direction": direction}
            audit.record(session, actor, "call.record", f"call {call.id}", after=after)
            return call.id

    def set_client(
        self, *, call_id: int, client_id: int | None, actor: Actor, phone: str | None = None
    ) -> None:
        """The caller turned out to be this client (picked after the call began)."""
        with audit.audited(self._sessions, actor, "call.record", f"call {call_id}") as session:
            call = _get(session, call_id)
            before = {"client_id": call.client_id}
            call.client_id = client_id
            call.phone = phone or call.phone
            after = {"client_id": client_id}
            audit.record(
                session, actor, "call.record", f"call {call_id}", before=before, after=after
            )

    def record_offers(
        self, *, call_id: int, offers: Iterable[tuple[str, str]], actor: Actor
    ) -> int:
        """Record (sku, kind) pairs as offered, once each per call; returns how many are new."""
        wanted = list(dict.fromkeys(offers))
        for _sku, kind in wanted:
            _check(kind, OFFER_KINDS, "offer kind")
        with audit.audited(self._sessions, actor, "call.record", f"call {call_id}") as session:
            seen = set(
                session.execute(
                    select(OfferMade.sku, OfferMade.kind).where(OfferMade.call_id == call_id)
                ).all()
            )
            fresh = [pair for pair in wanted if pair not in seen]
            ids = dict(
                session.execute(
                    select(Product.sku, Product.id).where(
                        Product.sku.in_([s for s, _kind in fresh])
                    )
                ).all()
            )
            made = [[sku, kind] for sku, kind in fresh if sku in ids]
            for sku, kind in made:
                session.add(OfferMade(call_id=call_id, product_id=ids[sku], sku=sku, kind=kind))
            if made:
                audit.record(
                    session, actor, "call.record", f"call {call_id}", after={"offered": made}
                )
            return len(made)

    def answer_offer(self, *, call_id: int, sku: str, accepted: bool, actor: Actor) -> None:
        """The client took or declined an offered item."""
        with audit.audited(self._sessions, actor, "call.record", f"call {call_id}") as session:
            offers = session.scalars(
                select(OfferMade).where(OfferMade.call_id == call_id, OfferMade.sku == sku)
            ).all()
            if not offers:
                raise DeskError(
                    _("{sku} was not offered in call {call_id}.").format(sku=sku, call_id=call_id)
                )
            for offer in offers:
                offer.accepted = accepted
            after = {"sku": sku, "accepted": accepted}
            audit.record(session, actor, "call.record", f"call {call_id}", after=after)

    def tick(self, *, call_id: int, step: str, actor: Actor, done: bool = True) -> list[str]:
        """The operator ticked (or unticked) a script step by hand; returns the ticked steps."""
        with audit.audited(self._sessions, actor, "call.record", f"call {call_id}") as session:
            call = _get(session, call_id)
            ticked = [s for s in call.script_ticked or [] if s != step]
            call.script_ticked = [*ticked, step] if done else ticked
            after = {"step": step, "done": done}
            audit.record(session, actor, "call.record", f"call {call_id}", after=after)
            return list(call.script_ticked)

    def show(self, call_id: int, *, actor: Actor) -> dict[str, Any]:
        """One call in full, with the script it followed and how far (R8-R17)."""
        audit.guard_read(self._sessions, actor, f"call {call_id}")
        query = (
            select(Call, Client.code, Client.name, Manager.code)
            .outerjoin(Client, Client.id == Call.client_id)
            .outerjoin(Manager, Manager.id == Call.transferred_to_id)
            .where(Call.id == call_id)
        )
        with self._sessions() as session:
            row = session.execute(query).first()
            if row is None:
                raise DeskError(_("There is no call {call_id}.").format(call_id=call_id))
            return {**call_dict(*row), **script_report(session, call_id)}

    def finish(
        self,
        *,
        call_id: int,
        outcome: str,
        actor: Actor,
        transferred_to: str | None = None,
        reason: str | None = None,
        notes: str | None = None,
        purpose: str | None = None,
        feedback: FeedbackNote | None = None,
    ) -> None:
        """Wrap the call up with its outcome, whom it went to, and a comment for a
        department (R20), written in the same transaction."""
        _check(outcome, CALL_OUTCOMES, "outcome")
        with audit.audited(self._sessions, actor, "call.record", f"call {call_id}") as session:
            call = _get(session, call_id)
            if transferred_to:
                manager = session.scalars(
                    select(Manager).where(Manager.code == transferred_to)
                ).one_or_none()
                if manager is None:
                    raise DeskError(
                        _("No manager has the code {code!r}.").format(code=transferred_to)
                    )
                call.transferred_to_id = manager.id
            if purpose:
                _check(purpose, CALL_PURPOSES, "purpose")
                call.purpose = purpose
            call.outcome = outcome
            call.transfer_reason = reason or call.transfer_reason
            call.notes = notes or call.notes
            call.ended_at = utcnow()
            if feedback is not None:
                add_item(session, actor, feedback, call_id=call.id, client_id=call.client_id)
            after = {"outcome": outcome, "transferred_to": transferred_to}
            audit.record(session, actor, "call.record", f"call {call_id}", after=after)

    def list(self, *, actor: Actor, where: CallFilter | None = None) -> list[dict[str, Any]]:
        """Calls newest first, with what was offered and what was taken."""
        audit.guard_read(self._sessions, actor, "calls")
        f = where or CallFilter()
        query = (
            select(Call, Client.code, Client.name, Manager.code)
            .outerjoin(Client, Client.id == Call.client_id)
            .outerjoin(Manager, Manager.id == Call.transferred_to_id)
        )
        query = narrow(query, f).order_by(Call.id.desc()).limit(f.limit)
        with self._sessions() as session:
            return [call_dict(*row) for row in session.execute(query).all()]

    def counts(self, *, actor: Actor, where: CallFilter | None = None) -> CallCounts:
        """Calls, orders, transfers and offers over all matching calls (not just a page)."""
        audit.guard_read(self._sessions, actor, "call counts")
        f = where or CallFilter()
        calls = narrow(
            select(
                func.count(Call.id),
                func.count(Call.id).filter(Call.outcome == "order_placed"),
                func.count(Call.id).filter(Call.transferred_to_id.is_not(None)),
            ).outerjoin(Client, Client.id == Call.client_id),
            f,
        )
        offers = narrow(
            select(
                func.count(OfferMade.id),
                func.count(OfferMade.id).filter(OfferMade.accepted.is_(True)),
                func.count(OfferMade.id).filter(OfferMade.accepted.is_(False)),
            )
            .join(Call, Call.id == OfferMade.call_id)
            .outerjoin(Client, Client.id == Call.client_id),
            f,
        )
        with self._sessions() as session:
            n_calls, placed, transfers = session.execute(calls).one()
            made, accepted, declined = session.execute(offers).one()
        return CallCounts(n_calls, placed, transfers, made, accepted, declined)

    def operators(self) -> tuple[str, ...]:
        """Everyone who has logged a call, for the operator filter."""
        with self._sessions() as session:
            query = select(Call.operator).distinct().order_by(Call.operator)
            return tuple(session.scalars(query))


def _get(session: Session, call_id: int) -> Call:
    call = session.get(Call, call_id)
    if call is None:
        raise DeskError(_("There is no call {call_id}.").format(call_id=call_id))
    return call


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise DeskError(_(_UNKNOWN[what]).format(value=value, allowed=", ".join(allowed)))
