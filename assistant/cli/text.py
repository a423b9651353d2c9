"""Readable text for the `desk` command's answers (the JSON is the contract).

Words in DESK_LANGUAGE, amounts and dates in its formats (assistant.formats); the JSON
printed with --json keeps its codes, ISO dates and plain numbers in every language.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from assistant import formats
from assistant.calls.labels import DIRECTIONS, OUTCOMES, PURPOSES, label
from assistant.clients.routing import ROLE_NAMES
from assistant.i18n import N_, _
from assistant.orders.models import status_label

# Headings of the card's offer lists, by the JSON key of each list.
OFFER_HEADINGS = {
    "new": N_("NEW ITEMS:"),
    "special": N_("SPECIAL POSITIONS:"),
    "traditional": N_("TRADITIONAL PRODUCTS:"),
    "addons": N_("ADDONS:"),
}


def _when(stamp: str) -> str:
    """An ISO timestamp as a date in the language's format and the time of day."""
    moment = datetime.fromisoformat(stamp)
    return f"{formats.day(moment.date())} {moment:%H:%M}"


def card(data: dict[str, Any]) -> str:
    """The client card as the operator would read it."""
    route = data["route"]
    out = []
    client = data["client"]
    if client is None:
        out.append(_("Unknown caller (new client)."))
    else:
        manager = client["manager"]
        if manager is None:
            who = _("no manager")
        elif manager["available"]:
            who = _("manager {name} (present)").format(name=manager["name"])
        else:
            who = _("manager {name} (ABSENT)").format(name=manager["name"])
        out.append(
            _("{name} [{code}] - {type}, {manager}").format(
                name=client["name"],
                code=client["code"],
                type=client["type_label"] or client["type"],
                manager=who,
            )
        )
    if route["action"] == "take_order":
        out.append(_("ROUTE: Take the order. {reason}").format(reason=route["reason"]))
    else:
        to = route["to"]
        if to:
            role = label(ROLE_NAMES, to["role"])
            name = _("{name} ({role})").format(name=to["name"], role=role)
        else:
            name = _("nobody on record")
        out.append(_("ROUTE: Transfer to {person}.").format(person=name))
        out.append(f"  {route['reason']}")
    credit = data["credit"]
    if credit["blocked"]:
        out.append(_("CREDIT: BLOCKED. {reason}").format(reason=credit["reason"]))
    else:
        out.append(_("CREDIT: ok. {reason}").format(reason=credit["reason"]))
    if data.get("say"):
        say = data["say"]
        out.append(_("SAY: “{line}”").format(line=say["line"]))
        if say["notice"]:
            out.append(f"  ({say['notice']})")
    if data["price_column"]:
        out.append(
            _("PRICE COLUMN: {column} ({why})").format(
                column=data["price_column"], why=data["price_column_why"]
            )
        )
    for kind, items in data["offers"].items():
        if items:
            out.append(_(OFFER_HEADINGS[kind]) if kind in OFFER_HEADINGS else f"{kind.upper()}:")
            out.extend(f"  {i['sku']}  {i['name']}  - {i['why']}" for i in items)
    if "call_id" in data:
        out.append(_("(call {call_id} registered)").format(call_id=data["call_id"]))
    return "\n".join(out)


def placed_order(data: dict[str, Any]) -> str:
    """A placed order's confirmation."""
    said = {
        "order_no": data["order_no"],
        "total": formats.money(data["total"]),
        "column": data["price_column"],
    }
    if data["duplicate"]:
        head = _(
            "Order {order_no} placed (already placed with this key; nothing new written): "
            "total {total}, column {column}"
        ).format(**said)
    else:
        head = _("Order {order_no} placed: total {total}, column {column}").format(**said)
    lines = [head]
    lines += [
        f"  {li['sku']}  {formats.number(li['qty'])} x {formats.money(li['unit_price'])}"
        f" = {formats.money(li['line_total'])}"
        for li in data["lines"]
    ]
    return "\n".join(lines)


def _order_line(row: dict[str, Any]) -> str:
    return _("{order_no}  {status} {client} {total}  deliver {delivery}  by {operator}").format(
        order_no=row["order_no"],
        status=status_label(row["status"]).ljust(11),
        client=row["client"].ljust(8),
        total=formats.money(row["total"]).rjust(14),
        delivery=formats.day(date.fromisoformat(row["delivery_date"])),
        operator=row["operator"],
    )


def orders(rows: list[dict[str, Any]]) -> str:
    """Order list, one line each."""
    if not rows:
        return _("No orders.")
    return "\n".join(_order_line(r) for r in rows)


def order_detail(data: dict[str, Any]) -> str:
    """One order in full."""
    head = _order_line(data)
    lines = [
        f"  {li['sku']}  {li['name']}  {formats.number(li['qty'])} x "
        f"{formats.money(li['unit_price'])}"
        for li in data["lines"]
    ]
    moves = [
        "  "
        + _("{at}: {from_status} -> {to_status} by {by}").format(
            at=_when(h["at"]),
            from_status=status_label(h["from"]),
            to_status=status_label(h["to"]),
            by=h["by"],
        )
        for h in data["history"]
    ]
    return "\n".join([head, *lines, *moves])


def calls(rows: list[dict[str, Any]]) -> str:
    """Call log, one line each."""
    if not rows:
        return _("No calls.")
    out = []
    for r in rows:
        offered = len(r["offers"])
        taken = sum(1 for o in r["offers"] if o["accepted"])
        line = _(
            "#{id} {started} {direction} {purpose} {caller} {outcome} offers {taken}/{offered}"
        ).format(
            id=r["id"],
            started=_when(r["started_at"]),
            direction=label(DIRECTIONS, r["direction"]),
            purpose=label(PURPOSES, r["purpose"]).ljust(11),
            caller=(r["client"] or r["phone"] or "?").ljust(14),
            outcome=label(OUTCOMES, r["outcome"] or "open").ljust(20),
            taken=taken,
            offered=offered,
        )
        out.append(line + (f" -> {r['transferred_to']}" if r["transferred_to"] else ""))
    return "\n".join(out)


def import_report(data: dict[str, Any]) -> str:
    """What an import did, with every rejected row."""
    out = [
        _(
            "{kind}: {rows_read} rows read, {inserted} inserted, {updated} updated, "
            "{rejected} rejected."
        ).format(
            kind=data["kind"],
            rows_read=data["rows_read"],
            inserted=data["inserted"],
            updated=data["updated"],
            rejected=len(data["rejected"]),
        )
    ]
    out += [
        "  " + _("line {line}: {reason}").format(line=r["line"], reason=r["reason"])
        for r in data["rejected"]
    ]
    return "\n".join(out)


def answer(data: dict[str, Any]) -> str:
    """The answer, then its sources numbered as the answer cites them."""
    lines = [data["answer"], ""]
    for number, source in enumerate(data["sources"], start=1):
        page = _(", p. {page}").format(page=source["page"]) if source["page"] else ""
        score = formats.number(source["score"])
        lines.append(f"[{number}] {source['title']}{page} ({source['doc']}) {score}")
    return "\n".join(lines).rstrip()
