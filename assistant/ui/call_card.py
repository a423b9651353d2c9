"""Left column of the live call: who is calling, the route, credit and price column."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from assistant.calls.card import ClientCard
from assistant.calls.say import after_card
from assistant.calls.state import LiveCall
from assistant.clients.routing import Person
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.services import Services
from assistant.ui import call_feedback, training_call
from assistant.ui.session_user import acting
from assistant.ui.widgets import credit_box, manager_label, route_box, say_line


def render(desk: Services, call: LiveCall, card: ClientCard) -> None:
    """The client card; the route and credit state come first for the eye."""
    client = card.client
    if client is None:
        st.markdown("#### " + _("New caller"))
        st.caption(_("No client has this phone, code or name."))
    else:
        st.markdown(f"#### {client.name}")
        manager = manager_label(client.manager)
        where = client.city or ""
        if client.regional:
            where += " · " + _("regional")
        st.caption(
            f"{client.code} · {card.type_label} · {where}  \n"
            + _("Manager: {manager}").format(manager=manager)
        )
    if training_call.exam():
        # An exam hides the route, the credit state and the words to say: the trainee
        # must know the rules. The transfer stays one click, named for nobody.
        _transfer_button(desk, call, card, named=False)
    else:
        route_box(card.route)
        credit_box(card.credit, known=client is not None)
        _say(desk, card)
        if card.credit.blocked or not card.route.takes_order:
            _transfer_button(desk, call, card)
    if card.column is not None:
        st.markdown(
            _("**Price column {column}** · {why}").format(
                column=card.column.column, why=card.column.why
            )
        )
    if client is not None and client.receivers:
        st.caption(_("Receives goods: {names}").format(names=", ".join(client.receivers)))
    call_feedback.render(desk, card)


def _say(desk: Services, card: ClientCard) -> None:
    """The words for the client, from the editors' phrases in the operator's language."""
    say_line(after_card(card, desk.phrases))


def _transfer_button(
    desk: Services, call: LiveCall, card: ClientCard, *, named: bool = True
) -> None:
    """One click: the call is transferred and logged with the reason (R4-R6, R9)."""
    if not named:
        card = _to_someone(card)
    to = card.route.to
    if to is None or call.call_id is None or call.closed_outcome:
        return
    if st.button(
        _("Transfer to {name}").format(name=to.name) if named else _("Transfer the call"),
        key="transfer",
        type="primary",
        width="stretch",
        shortcut="Alt+T",
    ):
        try:
            desk.live.transfer(call, card, actor=acting())
        except DeskError as err:
            st.error(err.message)
            return
        st.rerun()


def _to_someone(card: ClientCard) -> ClientCard:
    """In an exam the button is there whatever the route says (its presence would tell):
    where the route takes the order, a transfer goes to the client's manager, and the
    score judges it."""
    manager = card.client.manager if card.client else None
    if card.route.to is not None or manager is None:
        return card
    person = Person(
        code=manager.code,
        name=manager.name,
        role=manager.role,
        department="",
        available=manager.available,
    )
    return replace(card, route=replace(card.route, to=person))
