"""What the operator can read out when the draft is close to a programme (R15)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import format_percent

from assistant import formats
from assistant.discounts.engine import Reach
from assistant.i18n import _, language


@dataclass(frozen=True)
class DiscountPrompt:
    """One sentence, with the numbers behind it for machines."""

    code: str
    text: str
    missing_qty: Decimal | None
    missing_value: Decimal | None

    def as_dict(self) -> dict[str, Any]:
        """The shape of `desk card --json` prompts."""
        return {
            "kind": "discount",
            "code": self.code,
            "text": self.text,
            "missing_qty": None if self.missing_qty is None else float(self.missing_qty),
            "missing_value": None if self.missing_value is None else float(self.missing_value),
        }


def prompt(reach: Reach, *, names: Mapping[str, tuple[str, str]]) -> DiscountPrompt:
    """The sentence for `reach`; `names` gives each sku's (name, unit)."""
    p = reach.programme
    # "5 %" in hr, "5%" in en: the language's own percent pattern.
    percent = format_percent(p.percent / 100, locale=language(), decimal_quantization=False)
    said = {"title": p.title, "percent": percent}
    if reach.missing_value is not None:
        text = _("{value} more in the order and “{title}” gives {percent} off").format(
            value=formats.money(reach.missing_value), **said
        )
    elif p.sku is not None:
        name, unit = names.get(p.sku, (p.sku, ""))
        text = _("{qty} more {unit} of {name} and “{title}” gives {percent} off").format(
            qty=formats.number(reach.missing_qty or 0), unit=unit, name=name, **said
        )
    else:
        text = _("{qty} more of {category} and “{title}” gives {percent} off").format(
            qty=formats.number(reach.missing_qty or 0), category=p.category, **said
        )
    return DiscountPrompt(p.code, text, reach.missing_qty, reach.missing_value)
