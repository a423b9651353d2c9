"""An exam's order: placed with a reason for every step the script gate would hold it for.

The help is hidden in an exam, so the desk refuses nothing the score judges; the reasons
go to the sandbox only, as the headless player's do (simulator/player.py).
"""

from __future__ import annotations

from assistant.calls.card import ClientCard
from assistant.calls.compliance import skippable
from assistant.calls.script_path import progress_of
from assistant.calls.state import LiveCall
from assistant.i18n import _
from assistant.services import Services
from assistant.ui import call_delivery


def skips(desk: Services, call: LiveCall, card: ClientCard) -> dict[str, str]:
    """Every requirement the script gate would hold the order for, given the exam's reason."""
    if card.client is None:
        return {}
    _progress, checks = progress_of(
        desk.scripts.active().value,
        card,
        call.lines,
        offered=call.recorded,
        answered=call.answered,
        details=call_delivery.details(card.client),
        ticked=call.ticked,
        skipped=call.skipped,
        ended=call.ended,
    )
    # Recorded in the sandbox only, as the headless player does (simulator/player.py).
    return {check.requirement: _("left undone in training") for check in skippable(checks)}
