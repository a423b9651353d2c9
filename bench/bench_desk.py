"""Client card and order placement latency at the demo scales (issue 2 targets)."""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.catalog.models import Price, PriceColumn, Product
from assistant.clients.models import Client
from assistant.config import Settings
from assistant.orders.draft import OrderDraft
from assistant.services import Services, build_services
from bench.common import demo_database, report, timed_ms

CARD_TARGET_MS = 50.0
ORDER_TARGET_MS = 30.0
# The bench reads as an operator would: the card is client data, guarded like any read.
OPERATOR = Actor.of("bench.operator", ["operator"])


def _queries(desk: Services, rng: random.Random, n: int) -> list[str]:
    """What operators type: a third phones (varied formats), a third codes, a third names."""
    with desk.sessions() as s:
        ids = list(s.scalars(select(Client.id)))
        picked = [desk.directory.get(i) for i in rng.sample(ids, min(n, len(ids)))]
    out = []
    for i, client in enumerate(c for c in picked if c is not None):
        if i % 3 == 0 and client.phones:
            e164 = client.phones[0].phone
            out.append(e164 if i % 2 else "0" + e164[4:])  # national format, trunk zero
        elif i % 3 == 1:
            out.append(client.code)
        else:
            out.append(" ".join(client.name.split()[:2]))
    return out


def bench_cards(desk: Services, rng: random.Random, n: int) -> bool:
    queries = _queries(desk, rng, n)
    build = timed_ms(lambda: desk.cards.card(query=queries[0], actor=OPERATOR))
    print(f"first card (loads the offer model once per process): {build:.0f} ms")
    samples = [timed_ms(partial(desk.cards.card, query=q, actor=OPERATOR)) for q in queries]
    return report("client card (lookup+route+credit+column+offers)", samples, CARD_TARGET_MS)


def _orderable(desk: Services, rng: random.Random, n: int) -> list[OrderDraft]:
    """Drafts of 10 lines for clients the operator may serve, priced in their column."""
    drafts: list[OrderDraft] = []
    with desk.sessions() as s:
        ids = list(s.scalars(select(Client.id).where(Client.type.in_(["marketer", "retail"]))))
    rng.shuffle(ids)
    for cid in ids:
        if len(drafts) >= n:
            break
        card = desk.cards.card_for(client=desk.directory.get(cid))
        client = card.client
        if client is None or card.column is None:
            continue
        if not card.route.takes_order or card.credit.blocked:
            continue
        column = card.column.column  # the column the card chose, as the page prices it
        with desk.sessions() as s:
            products = s.execute(
                select(Product.sku, Product.pack_size, Product.min_qty)
                .join(Price, Price.product_id == Product.id)
                .join(PriceColumn, PriceColumn.id == Price.column_id)
                .where(PriceColumn.code == column, Product.active.is_(True))
                .where((Product.stock.is_(None)) | (Product.stock > 100))
                .where(Price.price < Decimal(5))
                .limit(400)
            ).all()
        lines = [
            {"sku": sku, "qty": float(_whole_packs(pack, minimum))}
            for sku, pack, minimum in rng.sample(products, 10)
        ]
        drafts.append(
            OrderDraft.from_json(
                {
                    "client": client.code,
                    "idempotency_key": f"bench-{time.time_ns()}-{cid}",
                    "lines": lines,
                    "delivery": {"date": (date.today() + timedelta(days=1)).isoformat()},
                    "receiver": "Bench",
                    "regional": {"ship_to": "Bench address"},
                }
            )
        )
    return drafts


def _whole_packs(pack: Decimal, minimum: Decimal | None) -> Decimal:
    """The smallest quantity in whole packs that meets the minimum."""
    qty = pack
    while minimum is not None and qty < minimum:
        qty += pack
    return qty


def bench_orders(desk: Services, rng: random.Random, n: int) -> bool:
    drafts = _orderable(desk, rng, n)
    samples = [
        timed_ms(partial(desk.placement.place, draft=d, actor=Actor.system())) for d in drafts
    ]
    return report("order placement, 10 lines", samples, ORDER_TARGET_MS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=["small", "large"], default="large")
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--orders", type=int, default=100)
    args = parser.parse_args(argv)
    print(f"== desk latency at scale {args.scale} ==")
    url = demo_database(args.scale)
    desk = build_services(Settings(database_url=url))
    rng = random.Random(11)
    start = time.perf_counter()
    ok = bench_cards(desk, rng, args.cards)
    ok = bench_orders(desk, rng, args.orders) and ok
    print(f"(desk latency bench took {time.perf_counter() - start:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
