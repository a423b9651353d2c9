"""One simulated operator: a call every few seconds, the services in the page's order."""

from __future__ import annotations

import random
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from sqlalchemy import select

from assistant.auth.rights import Actor
from assistant.calls.state import LiveCall, OrderDetails
from assistant.catalog.models import Price, PriceColumn, Product
from assistant.clients.models import Client
from assistant.services import Services
from bench.bench_desk import _whole_packs
from bench.load.stats import Recorder

QUESTIONS = (
    "Koji su uvjeti plaćanja za maloprodaju?",
    "Do kada moram naručiti za dostavu sutra?",
    "Kakav je rabat za veleprodaju?",
    "What is the minimum order for delivery?",
)
# The standard's steps the simulated operator did not do, with the page's one-click reason.
SKIPPED = {"R11": "client in a hurry", "R12": "client in a hurry"}


@dataclass(frozen=True)
class Caller:
    client_id: int
    code: str
    lines: tuple[tuple[str, Decimal], ...]  # (sku, quantity in whole packs) to choose from


def callers(desk: Services, rng: random.Random, count: int = 60) -> list[Caller]:
    """Clients the operator may take an order from, with products priced in their column."""
    with desk.sessions() as s:
        ids = list(s.scalars(select(Client.id).where(Client.type.in_(["marketer", "retail"]))))
    rng.shuffle(ids)
    found: list[Caller] = []
    for cid in ids[: count * 4]:
        if len(found) >= count:
            break
        card = desk.cards.card_for(client=desk.directory.get(cid))
        if card.client is None or card.column is None:
            continue
        if not card.route.takes_order or card.credit.blocked:
            continue
        with desk.sessions() as s:
            rows = s.execute(
                select(Product.sku, Product.pack_size, Product.min_qty)
                .join(Price, Price.product_id == Product.id)
                .join(PriceColumn, PriceColumn.id == Price.column_id)
                .where(PriceColumn.code == card.column.column, Product.active.is_(True))
                .where((Product.stock.is_(None)) | (Product.stock > 1000))
                .where(Price.price < Decimal(5))
                .limit(200)
            ).all()
        if len(rows) >= 5:
            lines = tuple((sku, _whole_packs(pack, low)) for sku, pack, low in rows)
            found.append(Caller(cid, card.client.code, lines))
    if not found:
        raise SystemExit("No client in the database takes an order: is it the demo company?")
    return found


def details() -> OrderDetails:
    return OrderDetails(
        delivery_date=date.today() + timedelta(days=1),
        window="08-12",
        receiver="Load test",
        payment="cash on delivery",
        documents=["invoice"],
        pickup_at=None,
        ship_to=None,
        notes=None,
    )


def work_a_call(
    desk: Services, caller: Caller, actor: Actor, rng: random.Random, rec: Recorder
) -> None:
    """Card, offers recorded and answered, the draft kept, quote, place (one retry, same key)."""
    call = LiveCall(operator=actor.name)
    card = rec.timed(
        "card",
        lambda: desk.live.card(
            call, query=caller.code, purpose="order", client_id=caller.client_id, actor=actor
        ),
    )
    offers = rec.timed("offers", lambda: desk.live.offers(call, card, actor=actor))
    shown = list(offers.addons + offers.traditional) if offers is not None else []
    for item in shown[:2]:
        accepted = rng.random() < 0.3
        answer = partial(desk.live.answer_offer, call, sku=item.sku, accepted=accepted)
        rec.timed("answer", partial(answer, actor=actor))
    for sku, qty in rng.sample(caller.lines, min(3, len(caller.lines))):
        call.add(sku, qty)
    rec.timed("draft", lambda: desk.drafts.save(call, {"receiver": "Load test"}, actor=actor))
    quote = rec.timed("quote", lambda: desk.live.quote(call, card))
    for attempt in (1, 2):  # the operator clicks Place order again after a "try again"
        try:
            placed = rec.timed(
                "place", lambda: desk.live.place(call, card, details(), None, SKIPPED, actor=actor)
            )
        except Exception:  # noqa: BLE001 - counted; the operator tries again once
            if attempt == 2:
                raise
            time.sleep(1)
            continue
        if placed is None:
            rec.error("place", "refused: " + "; ".join(sorted(call.problems.values())))
            return
        rec.order(call.order_key, placed.order_no, placed.total)
        if placed.total != quote.total:
            rec.error("place", f"total {placed.total} differs from the quote {quote.total}")
        return


def ask(desk: Services, caller: Caller, actor: Actor, rng: random.Random, rec: Recorder) -> None:
    """A question from the Ask panel: retrieval on the Chroma server and the SQL facts."""
    question = rng.choice(QUESTIONS)
    rec.timed("ask", lambda: desk.answerer.answer(question, actor=actor, client_code=caller.code))


def operator(
    desk: Services,
    n: int,
    pool: list[Caller],
    interval: float,
    until: float,
    rec: Recorder,
    stop: threading.Event,
) -> None:
    """Calls until `until` (monotonic), one every `interval` seconds give or take a third."""
    rng = random.Random(1000 + n)
    actor = Actor.of(f"load.operator{n:02d}", ["operator"])
    time.sleep(rng.uniform(0, interval))  # operators do not all pick up at once
    calls = 0
    while time.monotonic() < until and not stop.is_set():
        begun = time.monotonic()
        caller = rng.choice(pool)
        with suppress(Exception):  # counted by rec.timed; on to the next
            work_a_call(desk, caller, actor, rng, rec)
        calls += 1
        if calls % 3 == 0:  # every third call the operator also asks the knowledge base
            with suppress(Exception):  # counted by rec.timed; on to the next
                ask(desk, caller, actor, rng, rec)
        pause = interval * rng.uniform(0.67, 1.33) - (time.monotonic() - begun)
        stop.wait(max(0.0, min(pause, until - time.monotonic())))
