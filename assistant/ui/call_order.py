"""Middle column of the live call: the order form that never moves (R14-R17)."""

from __future__ import annotations

import streamlit as st

from assistant import formats
from assistant.calls.card import ClientCard
from assistant.calls.compliance import Check
from assistant.calls.state import LiveCall
from assistant.catalog.search import ProductHit
from assistant.errors import DeskError
from assistant.i18n import N_, _, ngettext
from assistant.orders.quote import Quote
from assistant.services import Services
from assistant.ui import (
    call_compliance,
    call_delivery,
    call_exam,
    call_placed,
    call_script,
    training_call,
)
from assistant.ui.session_user import acting

# The grid's column keys stay English (edits are read by key); the headers are translated.
LINE_COLUMNS = {
    "SKU": N_("SKU"),
    "Product": N_("Product"),
    "Qty": N_("Qty"),
    "Unit": N_("Unit"),
    "Price": N_("Price"),
    "Total": N_("Total"),
    "Disc.": N_("Disc."),
    "Check": N_("Check"),
}
QTY_PROBLEM = "qty_problem"  # (sku, message) of a quantity the adder could not read
FRAGMENT = "order"
# Placing an order changes the order, what may be offered and how the call is wrapped up.


def render(desk: Services, call: LiveCall, card: ClientCard, *, locked: str | None) -> None:
    """The order form, or why it is locked; read-only once the order is placed."""
    # The script sits above the order, always in view; it is drawn once the quote is known.
    # An exam hides it: the trainee must know the steps.
    exam = training_call.exam()
    script_slot = st.empty() if exam else st.container()
    st.markdown("#### " + _("Order"))
    client = card.client
    if client is None or locked:
        if not exam:
            with script_slot:
                call_script.render(desk, call, card)
        st.info(locked or _("Identify the caller to take an order."))
        return
    placed = call.placed_order_no is not None
    if placed:
        call_placed.render(desk, call)
    _product_adder(desk, call, card, disabled=placed)
    # Grid edits of the last redraw go into the draft first, so it is quoted as it is now.
    if not placed:
        _edit_lines(call, f"lines-{call.editor_version}", list(call.lines))
    quote = desk.live.quote(call, card)
    _lines(call, quote)
    call_delivery.render(client, call, disabled=placed)
    if exam:
        checks: list[Check] = []  # nothing tells what is missing; the score judges
    else:
        _override(card, disabled=placed)
        with script_slot:
            checks = call_script.render(desk, call, card, quote)
    if not placed:
        _place_button(desk, call, card, quote, checks)


def _product_adder(desk: Services, call: LiveCall, card: ClientCard, *, disabled: bool) -> None:
    column = card.column.column if card.column else None
    query = st.text_input(
        _("Add product"),
        placeholder=_("SKU or name, e.g. maslinovo ulje"),
        live="200ms",
        key="product_query",
        disabled=disabled,
    )
    if disabled or not query.strip():
        return
    hits = desk.catalog.find(query, column=column, limit=6, actor=acting())
    if not hits:
        st.caption(
            _("No product matches “{query}”. Try the SKU or fewer letters.").format(query=query)
        )
        return
    index = st.radio(
        _("Matches"),
        range(len(hits)),
        format_func=lambda i: _hit_label(hits[i]),
        key=f"pick-{query}",
        label_visibility="collapsed",
    )
    hit = hits[index or 0]
    with st.form(f"add-{hit.sku}", border=False, enter_to_submit=True):
        qty_col, add_col = st.columns([3, 1], vertical_alignment="bottom")
        # Typed text, read by formats.parse_number: a browser's number box reads "1,5"
        # as 15 (measured in Chromium), where a Croatian operator means 1.5.
        qty_col.text_input(
            _qty_label(hit), value=formats.number(hit.pack_size), key=f"qty-{hit.sku}"
        )
        add_col.form_submit_button(
            _("Add line"), type="primary", on_click=_add_line, args=(call, hit.sku)
        )
    problem = st.session_state.get(QTY_PROBLEM)
    if problem and problem[0] == hit.sku:
        st.error(problem[1])


def _hit_label(hit: ProductHit) -> str:
    """SKU, name, pack and price, in the language's number and money formats."""
    price = formats.money(hit.price) if hit.price is not None else _("no price")
    pack = ""
    if hit.pack_size != 1:
        pack = _(", pack {pack} {unit}").format(pack=formats.number(hit.pack_size), unit=hit.unit)
    return f"{hit.sku} {hit.name}{pack} · {price}"


def _qty_label(hit: ProductHit) -> str:
    if hit.pack_size == 1:
        return _("Quantity ({unit})").format(unit=hit.unit)
    return _("Quantity ({unit}, packs of {pack})").format(
        unit=hit.unit, pack=formats.number(hit.pack_size)
    )


def _add_line(call: LiveCall, sku: str) -> None:
    # The typed quantity is in session state by the time callbacks run.
    typed = str(st.session_state.get(f"qty-{sku}", ""))
    try:
        qty = formats.parse_number(typed)
    except DeskError as err:
        st.session_state[QTY_PROBLEM] = (sku, err.message)  # the product and the text stay
        return
    if qty <= 0:
        st.session_state[QTY_PROBLEM] = (sku, _("Type a quantity above zero, e.g. 12 or 1,5."))
        return
    st.session_state.pop(QTY_PROBLEM, None)
    call.add(sku, qty)
    # Only the order is redrawn (the offers follow on the next full redraw): a keyed rerun
    # of both would keep the typed product in the box, as Streamlit 1.67 does.
    st.session_state["product_query"] = ""


def _lines(call: LiveCall, quote: Quote) -> None:
    if not quote.lines:
        st.caption(_("No lines yet. Search a product above, or add one from the offers."))
        return
    rows = [
        {
            "SKU": line.sku,
            "Product": line.name,
            # Text in the language's format, read back by parse_number ("1,5" is 1.5).
            "Qty": formats.number(line.qty),
            "Unit": line.unit,
            # Read-only: shown in the language's money format, as the operator reads it out.
            "Price": None if line.unit_price is None else formats.money(line.unit_price),
            "Total": None if line.line_total is None else formats.money(line.line_total),
            # The programme's percent off the column price (R15); empty when none applies.
            "Disc.": _("{percent} %").format(percent=formats.number(line.discount_percent))
            if line.discount_percent
            else "",
            "Check": line.problem or call.problems.get(f"lines[{line.sku}]") or "✓",
        }
        for line in quote.lines
    ]
    key = f"lines-{call.editor_version}"
    st.data_editor(
        rows,
        key=key,
        hide_index=True,
        num_rows="fixed" if call.placed_order_no else "delete",
        disabled=[c for c in LINE_COLUMNS if c != "Qty"] if not call.placed_order_no else True,
        column_config={
            "SKU": st.column_config.TextColumn(_(LINE_COLUMNS["SKU"]), width="small"),
            "Product": st.column_config.TextColumn(_(LINE_COLUMNS["Product"]), width="medium"),
            "Qty": st.column_config.TextColumn(_(LINE_COLUMNS["Qty"])),
            "Unit": st.column_config.TextColumn(_(LINE_COLUMNS["Unit"])),
            "Price": st.column_config.TextColumn(_(LINE_COLUMNS["Price"])),
            "Total": st.column_config.TextColumn(_(LINE_COLUMNS["Total"])),
            "Disc.": st.column_config.TextColumn(_(LINE_COLUMNS["Disc."]), width="small"),
            "Check": st.column_config.TextColumn(_(LINE_COLUMNS["Check"]), width="medium"),
        },
    )
    count = len(quote.lines)
    lines = ngettext("{n} line", "{n} lines", count).format(n=count)
    st.markdown(
        _("**Total {total}** · column {column} · {lines}").format(
            total=formats.money(quote.total), column=quote.column, lines=lines
        )
    )
    for applied in quote.discounts:
        st.caption(
            _("{title}: {percent} % off, {amount} less").format(
                title=applied.title,
                percent=formats.number(applied.percent),
                amount=formats.money(applied.amount),
            )
        )
    for said in quote.prompts:
        st.caption("💬 " + said.text)


def _edit_lines(call: LiveCall, key: str, skus: list[str]) -> bool:
    """Apply quantity edits and deleted rows from the grid to the draft; True if any."""
    edits = st.session_state.get(key) or {}
    changed = False
    for row, change in edits.get("edited_rows", {}).items():
        if "Qty" in change and int(row) < len(skus):
            sku = skus[int(row)]
            try:
                call.set_qty(sku, formats.parse_number(str(change["Qty"] or "0")))
                call.problems.pop(f"lines[{sku}]", None)
            except DeskError as err:
                call.problems[f"lines[{sku}]"] = err.message  # shown in the line's Check
            changed = True
    for row in sorted(edits.get("deleted_rows", []), reverse=True):
        if row < len(skus):
            call.remove(skus[row])
            changed = True
    return changed


def _override(card: ClientCard, *, disabled: bool) -> None:
    """Routing says transfer: taking the order anyway needs a written reason (R7)."""
    if card.route.takes_order:
        return
    checked = st.checkbox(
        _("Take the order anyway (unusual situation)"), key="override", disabled=disabled
    )
    if checked:
        st.text_input(
            _("Reason for taking it (recorded)"), key="override_reason", disabled=disabled
        )


def _override_reason(card: ClientCard) -> str | None:
    """The reason typed for taking an order routing would transfer, or None."""
    if card.route.takes_order:
        return None
    if training_call.exam():
        # The route is hidden in an exam, so the sandbox takes the order; the score judges.
        return _("training call")
    if not st.session_state.get("override"):
        return None
    return str(st.session_state.get("override_reason") or "")


def _place_button(
    desk: Services, call: LiveCall, card: ClientCard, quote: Quote, checks: list[Check]
) -> None:
    call_compliance.render(checks, call)
    # Every problem not drawn beneath its own field (the order's, a skipped step, the
    # reason to override, a payment): a refused order always says why.
    for field, message in call.problems.items():
        if field not in call_delivery.BESIDE_FIELDS and not field.startswith("lines["):
            st.error(message)
    st.button(
        _("Place order"),
        type="primary",
        key="place",
        disabled=not quote.lines,
        shortcut="Ctrl+Enter",
        on_click=_place,
        args=(desk, call, card, checks),
    )


def _place(desk: Services, call: LiveCall, card: ClientCard, checks: list[Check]) -> None:
    # A callback: the fields are read as they are now, and one redraw shows the result.
    if card.client is None:
        return
    details = call_delivery.details(card.client)
    # No keyed rerun of the other panels: measured in Chromium it doubled the wait for the
    # confirmation (~170 -> ~430 ms p50). The click already redraws this panel; the offers
    # and the wrap-up bar redraw themselves on their next use, and refuse a placed order.
    skipped = call_compliance.reasons(checks, call)
    training = training_call.active()
    if training is not None:
        # The client hears about delivery, and the score knows an order was tried.
        training.agree_delivery(details)
        if training.mode == "exam":
            skipped = call_exam.skips(desk, call, card)
    if skipped is None:
        call.problems["skipped"] = call_compliance.ask_reason(checks)
        return
    if training is not None:
        training.attempted = True
    placed = desk.live.place(call, card, details, _override_reason(card), skipped, actor=acting())
    if training is not None and placed is None:
        training.refusals.extend(call.problems.values())
