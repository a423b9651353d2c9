"""The day's summary as one printable page (fpdf2), in the language now.

Croatian names and words need č, ć, đ, š, ž: the PDF embeds DejaVu Sans (Debian's
fonts-dejavu-core, installed by `make fonts`), never a core PDF font.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from assistant.errors import DeskError
from assistant.formats import day, money, number
from assistant.i18n import _
from assistant.reports.service import SalesFigures

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
FAMILY = "DeskSans"


def _fonts() -> tuple[Path, Path]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise DeskError(
        _(
            "The PDF needs the DejaVu Sans font for Croatian letters: install it with "
            "`make fonts` (Debian package fonts-dejavu-core)."
        )
    )


def key_figures(figures: SalesFigures) -> list[tuple[str, str]]:
    """The headline figures as (label, value) in the language now: the PDF and the page."""
    orders, offers, callbacks = figures.orders, figures.offers, figures.callbacks
    return [
        (_("Calls"), number(figures.calls)),
        (_("Orders"), number(orders["orders"])),
        (_("Order value"), money(orders["order_value"])),
        (_("Average order value"), money(orders["avg_order_value"])),
        (_("Lines per order"), number(orders["avg_lines"])),
        (_("Offers made"), number(offers["made"])),
        (_("Offers accepted"), number(offers["accepted"])),
        (_("Orders refused for debt"), number(figures.refused_for_debt)),
        (_("Call-backs received"), number(callbacks["received"])),
        (_("Call-backs answered within their window"), number(callbacks["answered_in_window"])),
        (_("Sleeping clients called"), number(figures.reactivation["sleeping_called"])),
        (_("Sleeping clients reactivated"), number(figures.reactivation["reactivated"])),
    ]


def summary_pdf(figures: SalesFigures, kind_label: Callable[[str], str] = str) -> bytes:
    """One printable PDF of the figures (for one day, as the page asks); offer kinds are
    named by `kind_label` (the page passes the call log's labels)."""
    from fpdf import FPDF

    regular, bold = _fonts()
    pdf = FPDF(format="A4")
    pdf.set_title(_("Day's summary"))
    pdf.set_creator("Order Desk")
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    where = figures.where
    pdf.set_font(FAMILY, "B", 16)
    span = day(where.date_from)
    if where.date_to != where.date_from:
        span = _("{start} to {end}").format(start=span, end=day(where.date_to))
    pdf.cell(0, 10, _("Day's summary: {span}").format(span=span), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(0, 6, _filters(figures), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _table(pdf, (_("Figure"), _("Value")), key_figures(figures))
    by_kind = [
        (kind_label(kind), f"{number(v['made'])} / {number(v['accepted'])}")
        for kind, v in figures.offers["by_kind"].items()
    ]
    sections: list[tuple[str, tuple[str, str], Iterable[tuple[str, str]]]] = [
        (_("Offers by kind"), (_("Kind"), _("Made / accepted")), by_kind),
        (_("Transfers by reason"), (_("Reason"), _("Calls")), _counted(figures.transfers)),
        (_("Script steps skipped"), (_("Requirement"), _("Calls")),
         _counted(figures.skipped_steps)),
        (_("Feedback open, by department"), (_("Department"), _("Items")),
         _counted(figures.feedback_open)),
    ]  # fmt: skip
    for title, heads, rows in sections:
        rows = list(rows)
        if not rows:
            continue
        pdf.ln(3)
        pdf.set_font(FAMILY, "B", 12)
        pdf.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        _table(pdf, heads, rows)
    return bytes(pdf.output())


def _filters(figures: SalesFigures) -> str:
    where = figures.where
    return _("Operator: {operator} · client type: {type}").format(
        operator=where.operator or _("all"), type=where.client_type or _("all")
    )


def _counted(counts: dict[str, int]) -> list[tuple[str, str]]:
    return [(name or _("(no reason given)"), number(n)) for name, n in counts.items()]


def _table(pdf: Any, heads: tuple[str, str], rows: Iterable[tuple[str, str]]) -> None:
    pdf.set_font(FAMILY, "", 10)
    with pdf.table(col_widths=(3, 1), text_align=("LEFT", "RIGHT")) as table:
        head = table.row()
        for text in heads:
            head.cell(text)
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value)
