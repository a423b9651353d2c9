"""What a call script may ask and say: the facts the desk knows and the words it fills in."""

from __future__ import annotations

# Facts a step's `when` may test, with the values each may take (None: any text).
FACTS: dict[str, tuple[object, ...] | None] = {
    "client_type": None,
    "new_caller": (True, False),
    "credit_blocked": (True, False),
    "transfer": (True, False),
    "person_available": (True, False),
    "regional": (True, False),
    "purpose": ("order", "info", "complaint", "other"),
    "draft_empty": (True, False),
    "has_new": (True, False),
    "has_special": (True, False),
    "has_traditional": (True, False),
    "has_addons": (True, False),
}

# Words a step's `say` may fill in from the card and the draft.
VARIABLES = frozenset(
    {
        "client_name",
        "person",
        "column",
        "new_item",
        "special_item",
        "special_until",
        "traditional_item",
        "traditional_qty",
        "addon_items",
        "draft_lines",
        "receivers",
        "address",
    }
)

# What a step's `done_when` may name: things the desk sees happen, so the step ticks itself.
SIGNALS = frozenset(
    {
        "client_identified",
        "credit_checked",
        "line_added",
        "new_mentioned",
        "special_mentioned",
        "traditional_reminded",
        "addons_offered",
        "delivery_agreed",
        "receiver_agreed",
        "payment_agreed",
        "documents_agreed",
        "pickup_or_shipping_agreed",
        "order_placed",
        "transferred",
        "call_closed",
    }
)

# The requirements every script must cover on some path (DOMAIN.md).
REQUIRED = tuple(f"R{n}" for n in range(8, 18))
