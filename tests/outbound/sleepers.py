"""A hand-built company whose sleepers on TODAY are known by construction.

Each client's order days, as days before TODAY (history lines of value 100 unless said,
"placed" days are orders taken at the desk):
- S1 marketer, exactly 3 orders every 10 days, silent 80: sleeping (80 > 2 x 10).
- S2 restaurant, every 5 days, value 200, silent 25: sleeping (25 > 2 x 5), worth most.
- A1 marketer, every 7 days, silent 7: awake.
- TWO marketer, only 2 orders, silent 100: never sleeping (fewer than 3 orders).
- EDGE marketer, every 10 days, silent exactly 20: awake at factor 2, asleep at 1.9.
- P1 marketer, history at 60 and 50, an order placed at the desk 40 days ago: sleeping
  (placed orders count: every 10 days, silent 40).
- H1 marketer, history at 90, 80, 70 but an order placed 5 days ago: awake.
- D1 marketer, history and a placed order on the same day (30), and 40, 50: the day counts
  once: every 10 days, silent 30, sleeping.
- M7 marketer, gaps of 4 and 10 days: usual 7 (their median), silent 46, sleeping.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from assistant.orders.models import Order
from tests import factories as f
from tests.conftest import TODAY

CLIENTS: dict[str, tuple[str, list[int], list[int], float]] = {
    # code: (type, history days ago, placed days ago, value of each order)
    "S1": ("marketer", [100, 90, 80], [], 100),
    "S2": ("restaurant", [40, 35, 30, 25], [], 200),
    "A1": ("marketer", [21, 14, 7], [], 100),
    "TWO": ("marketer", [200, 100], [], 100),
    "EDGE": ("marketer", [40, 30, 20], [], 100),
    "P1": ("marketer", [60, 50], [40], 100),
    "H1": ("marketer", [90, 80, 70], [5], 100),
    "D1": ("marketer", [50, 40, 30], [30], 100),
    "M7": ("marketer", [60, 56, 46], [], 100),
}
SLEEPING = ["S2", "M7", "D1", "P1", "S1"]  # ranked by monthly value, then code


def build(s: Session) -> dict[str, int]:
    """The clients and their orders; their ids by code."""
    f.columns(s)
    oil = f.product(s, "OIL", prices={"C": "1"})
    ids = {}
    for code, (kind, history, placed, value) in CLIENTS.items():
        c = f.client(s, code, type=kind, region="Dalmacija" if code == "A1" else "Zagreb")
        ids[code] = c.id
        for ago in history:
            f.history(s, c, oil, order_no=f"{code}-{ago}", day=TODAY - timedelta(ago), qty=value)
        for ago in placed:
            placed_order(s, c.id, TODAY - timedelta(ago), value)
    return ids


def placed_order(s: Session, client_id: int, day, value: float, *, at: time = time(10)) -> None:  # type: ignore[no-untyped-def]
    """An order taken at the desk on `day`."""
    s.add(
        Order(
            idempotency_key=f"{client_id}-{day}-{at}",
            client_id=client_id,
            operator="ana",
            price_column="C",
            total=Decimal(str(value)),
            delivery_date=day + timedelta(1),
            created_at=datetime.combine(day, at),
        )
    )
    s.flush()
