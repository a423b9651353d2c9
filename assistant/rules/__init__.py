"""Editors' rule files (routing, price columns): loaded, validated, explained."""

from assistant.rules.loader import (
    ClientTypeRule,
    PriceColumnRule,
    PriceRules,
    RoutingRules,
    Rules,
    TransferPolicy,
    load_rules,
)

__all__ = [
    "ClientTypeRule",
    "PriceColumnRule",
    "PriceRules",
    "Rules",
    "RoutingRules",
    "TransferPolicy",
    "load_rules",
]
