"""The script engine on facts alone: branches, steps that do not apply, filled words."""

from __future__ import annotations

from assistant.script.engine import Progress, fill, path
from assistant.script.loader import load
from assistant.script.shipped import FOLDER

SCRIPT = load(FOLDER / "call-script.en.yaml")
KNOWN = {
    "new_caller": False,
    "credit_blocked": False,
    "transfer": False,
    "person_available": True,
    "regional": False,
    "purpose": "order",
    "draft_empty": True,
    "has_new": False,
    "has_special": True,
    "has_traditional": False,
    "has_addons": True,
}


def test_nobody_to_transfer_to_means_taking_a_message() -> None:
    facts = {**KNOWN, "transfer": True, "person_available": False}
    steps = path(SCRIPT, facts, {"person": "Ana Kovač", "client_name": "Horvat"})
    assert [s["id"] for s in steps][-2:] == ["take_message", "farewell"]
    assert steps[-2]["say"].startswith("Ana Kovač is not available")


def test_steps_whose_facts_do_not_hold_are_not_applicable_and_say_nothing() -> None:
    steps = {s["id"]: s for s in path(SCRIPT, KNOWN, {"special_item": "Passata"})}
    assert steps["mention_new"]["state"] == "n/a" and steps["mention_new"]["say"] == ""
    assert steps["mention_special"]["state"] == "todo"
    assert "Passata" in steps["mention_special"]["say"]


def test_a_word_the_card_lacks_is_never_left_as_a_placeholder() -> None:
    assert fill("Your usual {traditional_qty} of {traditional_item}", {}) == "Your usual … of …"


def test_a_step_is_done_by_its_signal_or_a_tick_and_skipped_by_a_reason() -> None:
    facts = {**KNOWN, "has_addons": True, "draft_empty": False}
    progress = Progress(
        seen=frozenset({"client_identified", "line_added"}),
        ticked=frozenset({"greeting"}),
        skipped=frozenset({"R12"}),
    )
    states = {s["id"]: s["state"] for s in path(SCRIPT, facts, {}, progress)}
    assert states["greeting"] == "done"  # ticked by hand
    assert states["identification"] == "done" and states["order_taking"] == "done"
    assert states["credit"] == "todo"  # its signal was not seen
    assert states["addons"] == "skipped"  # R12 left undone with a reason
    assert states["mention_new"] == "n/a"  # nothing new to mention: no state to keep
