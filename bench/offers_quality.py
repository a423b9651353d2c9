"""Offers benchmark quality: traditional lists and add-ons against what clients bought later."""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from assistant.offers import OfferService
from bench.offers_data import Line

SPLIT = date(2011, 9, 1)
TOP = 10


@dataclass
class Split:
    """What each client bought before the split, and its orders after it."""

    popular: list[str]
    habits: dict[int, Counter[str]]
    later_orders: dict[int, list[set[str]]]

    @property
    def clients(self) -> list[int]:
        """Clients that ordered both before and after the split."""
        return sorted(c for c in self.later_orders if c in self.habits)


def split_history(lines: list[Line], skus: dict[int, str], split: date) -> Split:
    """Group the lines around the split date."""
    in_orders: Counter[str] = Counter()
    habits: dict[int, Counter[str]] = defaultdict(Counter)
    later: dict[tuple[int, date, str], set[str]] = defaultdict(set)
    for ln in lines:
        sku = skus[ln.product_id]
        if ln.day < split:
            in_orders[sku] += 1
            habits[ln.client_id][sku] += 1
        else:
            later[(ln.client_id, ln.day, ln.order_no)].add(sku)
    later_orders: dict[int, list[set[str]]] = defaultdict(list)
    for (client, _, _), items in sorted(later.items()):
        later_orders[client].append(items)
    return Split([s for s, _ in in_orders.most_common()], habits, later_orders)


def _rate(hits: list[float]) -> str:
    return f"{100 * statistics.fmean(hits):5.1f}%" if hits else "   n/a"


def traditional_quality(service: OfferService, data: Split, types: dict[int, str]) -> None:
    """Precision and recall at 10 of the traditional list against what was bought later."""
    scores: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for client in data.clients:
        bought = set().union(*data.later_orders[client])
        offers = service.offers_for(
            client_id=client, client_type=types[client], price_column=None, as_of=SPLIT
        )
        ranked = {
            "model: traditional list": [i.sku for i in offers.traditional][:TOP],
            "baseline: most popular overall": data.popular[:TOP],
            "baseline: own items by count, no recency": [
                s for s, _ in data.habits[client].most_common(TOP)
            ],
        }
        for name, items in ranked.items():
            hits = len(bought & set(items))
            scores[name].append((hits / TOP, hits / len(bought)))
    print(f"\nTraditional products, {len(data.clients)} clients that ordered before and after:")
    print("  truth = every item the client bought on or after the split")
    for name, pairs in scores.items():
        precision = _rate([p for p, _ in pairs])
        recall = _rate([r for _, r in pairs])
        print(f"  {name:42s} precision@10 {precision}   recall@10 {recall}")


def addon_quality(service: OfferService, data: Split, types: dict[int, str], seed: int) -> None:
    """Hit rates of the add-ons against a held-out item of the first later order."""
    rnd = random.Random(seed)
    model_held, base_held, model_any, base_any, in_trad = [], [], [], [], []
    for client in data.clients:
        order = next((o for o in data.later_orders[client] if len(o) >= 2), None)
        if order is None:
            continue
        held = rnd.choice(sorted(order))
        draft = sorted(order - {held})
        offers = service.offers_for(
            client_id=client,
            client_type=types[client],
            price_column=None,
            draft_skus=draft,
            as_of=SPLIT,
        )
        shown = {i.sku for i in offers.traditional} | set(draft)
        addons = {i.sku for i in offers.addons}
        baseline = set([s for s in data.popular if s not in shown][: len(addons)])
        later = set().union(*data.later_orders[client]) - set(draft)
        model_held.append(float(held in addons))
        base_held.append(float(held in baseline))
        model_any.append(float(bool(addons & later)))
        base_any.append(float(bool(baseline & later)))
        in_trad.append(float(held in shown))
    print(f"\nAdd-ons, {len(model_held)} clients with a later order of 2+ items:")
    print("  draft = the client's first order on/after the split minus one held-out item")
    print("  (seeded random); model and baseline both skip the draft and the traditional")
    print("  list shown; baseline = the 4 most popular items overall left after that.")
    print(
        f"  held-out item among the 4 add-ons   model {_rate(model_held)}   "
        f"baseline {_rate(base_held)}"
    )
    print(
        f"  any add-on bought after the split   model {_rate(model_any)}   "
        f"baseline {_rate(base_any)}"
    )
    print(f"  (held-out item already on screen in the traditional list: {_rate(in_trad)})")
