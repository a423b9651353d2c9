"""An order taken in a call is checked against the call's script (R11, R12).

Another channel's order (no `call_id`) is not checked. A requirement left undone needs a
reason in the order's `skipped`; the reasons given are kept with the call.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from assistant.calls.compliance import Check
from assistant.calls.conduct import Conduct, details_of_draft, read_conduct
from assistant.calls.models import Call
from assistant.calls.script_path import SIGNAL_OF_CHECK
from assistant.errors import DeskError, ScriptIncomplete
from assistant.i18n import _
from assistant.orders.draft import OrderDraft
from assistant.script.library import ScriptLibrary
from assistant.script.loader import Script, parse

GATED = ("R11", "R12")  # what an order is refused without (R16-R17 are the order's own checks)


class ScriptGate:
    """Called by order placement with every draft; refuses what the call left undone."""

    def __init__(self, *, session_factory: sessionmaker[Session], scripts: ScriptLibrary) -> None:
        self._sessions = session_factory
        self._scripts = scripts

    def __call__(self, draft: OrderDraft) -> None:
        if draft.call_id is None:
            return
        with self._sessions() as session, session.begin():
            conduct = read_conduct(session, draft.call_id)
            if conduct is None:
                raise DeskError(
                    _("There is no call {call_id}: give the call_id `desk card` printed.").format(
                        call_id=draft.call_id
                    ),
                    field="call_id",
                )
            checks = conduct.checks([line.sku for line in draft.lines], details_of_draft(draft))
            undone = [
                c
                for c in checks
                if c.state == "missing" and c.requirement in GATED
                if not draft.skipped.get(c.requirement)
            ]
            if undone:
                raise self._refusal(conduct, undone)
            if draft.skipped:
                call = session.get(Call, draft.call_id)
                assert call is not None  # read_conduct found it
                call.skipped = {**(call.skipped or {}), **draft.skipped}

    def _refusal(self, conduct: Conduct, undone: list[Check]) -> ScriptIncomplete:
        script = self._followed(conduct.script_version)
        steps = {step.done_when: step.id for step in script.steps.values() if step.done_when}
        missing = [
            {
                "requirement": c.requirement,
                "step": steps.get(SIGNAL_OF_CHECK[c.code], c.code),
                "text": _what_is_left(c, conduct),
            }
            for c in undone
        ]
        wanted = ", ".join(dict.fromkeys(m["requirement"] for m in missing))
        return ScriptIncomplete(
            _(
                "The call script is not complete ({requirements}): {left}. Offer them, or give "
                'the reason in "skipped", e.g. {{"{first}": "client in a hurry"}}.'
            ).format(
                requirements=wanted,
                left="; ".join(m["text"] for m in missing),
                first=missing[0]["requirement"],
            ),
            missing=missing,
        )

    def _followed(self, version: str | None) -> Script:
        """The script version the call followed, to name its steps; else the one in force."""
        active = self._scripts.active().value
        if version is None or version == active.version:
            return active
        try:
            return parse(self._scripts.source(version), Path(f"script version {version}"))
        except DeskError:
            return active  # a shipped file since replaced: its step ids live on in force


def _what_is_left(check: Check, conduct: Conduct) -> str:
    kind = {"new": "new", "special": "special", "traditional": "traditional", "addons": "addon"}
    unanswered = [
        conduct.names.get(sku, sku)
        for sku, k in conduct.offered
        if k == kind.get(check.code) and sku not in conduct.answered
    ]
    if check.code == "addons":
        label = _("add-ons offered {count} of 3-4").format(count=check.count or 0)
    else:
        label = _(check.label)
    text = _("not done: {check}").format(check=label)
    if not unanswered:
        return text
    return _("{check} (not yet answered: {items})").format(
        check=text, items=", ".join(unanswered[:4])
    )
