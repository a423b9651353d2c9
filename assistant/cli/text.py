"""Readable text for the `desk` command's answers (the JSON is the contract)."""

from __future__ import annotations

from typing import Any


def card(data: dict[str, Any]) -> str:
    """The client card as the operator would read it."""
    route = data["route"]
    out = []
    client = data["client"]
    if client is None:
        out.append("Unknown caller (new client).")
    else:
        manager = client["manager"]
        who = "no manager"
        if manager:
            who = f"manager {manager['name']} ({'present' if manager['available'] else 'ABSENT'})"
        out.append(f"{client['name']} [{client['code']}] - {client['type_label']}, {who}")
    if route["action"] == "take_order":
        out.append(f"ROUTE: Take the order. {route['reason']}")
    else:
        to = route["to"]
        name = f"{to['name']} ({to['role']})" if to else "nobody on record"
        out.append(f"ROUTE: Transfer to {name}.\n  {route['reason']}")
    credit = data["credit"]
    out.append(("CREDIT: BLOCKED. " if credit["blocked"] else "CREDIT: ok. ") + credit["reason"])
    if data["price_column"]:
        out.append(f"PRICE COLUMN: {data['price_column']} ({data['price_column_why']})")
    for kind, items in data["offers"].items():
        if items:
            out.append(f"{kind.upper()}:")
            out.extend(f"  {i['sku']}  {i['name']}  - {i['why']}" for i in items)
    if "call_id" in data:
        out.append(f"(call {data['call_id']} registered)")
    return "\n".join(out)


def placed_order(data: dict[str, Any]) -> str:
    """A placed order's confirmation."""
    again = " (already placed with this key; nothing new written)" if data["duplicate"] else ""
    lines = [
        f"Order {data['order_no']} placed{again}: total {data['total']:,.2f}, "
        f"column {data['price_column']}"
    ]
    lines += [
        f"  {li['sku']}  {li['qty']:g} x {li['unit_price']:,.2f} = {li['line_total']:,.2f}"
        for li in data["lines"]
    ]
    return "\n".join(lines)


def orders(rows: list[dict[str, Any]]) -> str:
    """Order list, one line each."""
    if not rows:
        return "No orders."
    return "\n".join(
        f"{r['order_no']}  {r['status']:<9} {r['client']:<8} {r['total']:>12,.2f}  "
        f"deliver {r['delivery_date']}  by {r['operator']}"
        for r in rows
    )


def order_detail(data: dict[str, Any]) -> str:
    """One order in full."""
    head = orders([data])
    lines = [
        f"  {li['sku']}  {li['name']}  {li['qty']:g} x {li['unit_price']:,.2f}"
        for li in data["lines"]
    ]
    moves = [f"  {h['at']}: {h['from']} -> {h['to']} by {h['by']}" for h in data["history"]]
    return "\n".join([head, *lines, *moves])


def calls(rows: list[dict[str, Any]]) -> str:
    """Call log, one line each."""
    if not rows:
        return "No calls."
    out = []
    for r in rows:
        offered = len(r["offers"])
        taken = sum(1 for o in r["offers"] if o["accepted"])
        out.append(
            f"#{r['id']} {r['started_at']} {r['direction']} {r['purpose']:<9} "
            f"{r['client'] or r['phone'] or '?':<14} {r['outcome'] or 'open':<12} "
            f"offers {taken}/{offered}"
            + (f" -> {r['transferred_to']}" if r["transferred_to"] else "")
        )
    return "\n".join(out)


def import_report(data: dict[str, Any]) -> str:
    """What an import did, with every rejected row."""
    out = [
        f"{data['kind']}: {data['rows_read']} rows read, {data['inserted']} inserted, "
        f"{data['updated']} updated, {len(data['rejected'])} rejected."
    ]
    out += [f"  line {r['line']}: {r['reason']}" for r in data["rejected"]]
    return "\n".join(out)


def answer(data: dict[str, Any]) -> str:
    """The answer, then its sources numbered as the answer cites them."""
    lines = [data["answer"], ""]
    for number, source in enumerate(data["sources"], start=1):
        page = f", p. {source['page']}" if source["page"] else ""
        lines.append(f"[{number}] {source['title']}{page} ({source['doc']}) {source['score']}")
    return "\n".join(lines).rstrip()
