"""Traditional and add-on items for one call, picked from the in-memory history model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

import numpy as np
from sqlalchemy.orm import Session

from assistant.offers import texts
from assistant.offers.addons import associations
from assistant.offers.declined import declined_last
from assistant.offers.history import HistoryIndex
from assistant.offers.history_load import day_date
from assistant.offers.models import OfferItem
from assistant.offers.products import ProductFacts, any_available, product_facts
from assistant.offers.traditional import (
    Favourite,
    Habit,
    Habits,
    client_habits,
    popular_overall,
    type_favourites,
)

T = TypeVar("T", Habit, Favourite)
TRADITIONAL_SHOWN = 10  # the client's own habits shown
TYPE_SHOWN = 3  # favourites of the client's type it does not buy yet


class Picker:
    """Turns the history model into traditional and add-on items for one call."""

    def __init__(
        self,
        session: Session,
        index: HistoryIndex,
        *,
        before: int,
        draft: set[int],
        price_column: str | None,
        declined: set[int] | None = None,
    ) -> None:
        self.session, self.index, self.before = session, index, before
        self.stats = index.stats(before)
        self.price_column = price_column
        self.draft = draft
        self.declined = declined or set()
        self.draft_dense = [int(d) for d in index.dense(_ids(draft)) if d >= 0]
        # Products that may not be offered again: the draft, then what traditional shows.
        self.excluded = np.zeros(index.products, dtype=bool)
        self.excluded[self.draft_dense] = True
        self.own: list[Habit] = []
        self.shown_ids: set[int] = set()
        self.bought = np.zeros(0, dtype=np.int64)  # every product the client ever bought

    def traditional(
        self, *, client_id: int | None, client_type: str | None, label: str
    ) -> list[OfferItem]:
        """The client's staples, then favourites of its type it does not buy yet."""
        habits = Habits.none() if client_id is None else self._habits(client_id)
        own = [h for h in habits.ranked if not self.excluded[h.product]]
        self.bought = habits.bought
        bought = self.excluded.copy()
        bought[habits.bought] = True
        favourites = type_favourites(
            self.stats,
            type_position=self.index.type_position(client_type),
            excluded=bought,
            limit=TYPE_SHOWN * 3,
        )
        facts = self._facts([h.product for h in own] + [f.product for f in favourites])
        active = [h for h in own if _active(facts.get(h.product))]
        self.own = self._declined_last(active, facts)[:TRADITIONAL_SHOWN]
        # A product the client never bought is only worth mentioning if it can be had.
        available = [f for f in favourites if _available(facts.get(f.product))]
        kept = self._declined_last(available, facts)[:TYPE_SHOWN]
        shown = [h.product for h in self.own] + [f.product for f in kept]
        self.excluded[shown] = True
        self.shown_ids = {facts[d].id for d in shown}
        items = [(facts[h.product].id, _habit_item(h, facts[h.product])) for h in self.own] + [
            (
                facts[f.product].id,
                _offer(
                    facts[f.product], "traditional", texts.type_why(type_label=label, share=f.share)
                ),
            )
            for f in kept
        ]
        return declined_last(items, self.declined, len(items))

    def addons(self, *, count: int, client_type: str | None, label: str) -> list[OfferItem]:
        """Exactly `count` available items new to the client, beyond the draft.

        What the client already buys is the traditional list's to remind; an add-on
        widens the order, so it comes from outside the client's own history.
        """
        excluded = self.excluded.copy()
        excluded[self.bought] = True
        found = associations(
            self.index, basket=self._basket(), before=self.before, excluded=excluded
        )[: count * 8]
        by_type = type_favourites(
            self.stats,
            type_position=self.index.type_position(client_type),
            excluded=excluded,
            limit=count * 3,
        )
        overall = popular_overall(self.stats, excluded=excluded, limit=count * 3)
        facts = self._facts(
            [a.product for a in found]
            + [a.because_of for a in found if a.because_of is not None]
            + [f.product for f in (*by_type, *overall)]
        )
        # Best signal first: the basket, then the client's type, then everyone. The
        # sentences are worded only for the items kept (wording costs more than ranking).
        ranked: list[tuple[int, Callable[[], str]]] = [
            (a.product, self._together_why(a.because_of, facts)) for a in found
        ]
        ranked += [
            (f.product, partial(texts.type_why, type_label=label, share=f.share)) for f in by_type
        ]
        ranked += [(f.product, partial(texts.overall_why, share=f.share)) for f in overall]
        items: list[tuple[int, OfferItem]] = []
        taken: set[int] = set()
        declined: list[tuple[int, Callable[[], str]]] = []
        for dense, why in ranked:
            product = facts.get(dense)
            if not (product and product.available and product.id not in taken):
                continue
            taken.add(product.id)
            if product.id in self.declined:
                declined.append((dense, why))
                continue
            items.append((product.id, _offer(product, "addon", why())))
            if len(items) == count:
                break
        if len(items) < count:
            items += self._from_assortment(count - len(items), taken)
        # Only when nothing else is left: what the client said no to lately.
        items += [(facts[d].id, _offer(facts[d], "addon", why())) for d, why in declined]
        return declined_last(items, self.declined, count)

    def _habits(self, client_id: int) -> Habits:
        # Enough to fill the list after dropping draft lines and inactive products.
        limit = TRADITIONAL_SHOWN * 2 + len(self.draft_dense)
        return client_habits(self.index, client_id=client_id, before=self.before, limit=limit)

    def _basket(self) -> dict[int, float]:
        """Draft lines; before the first line, the client's shown habits stand in for them.

        Once the order has lines they alone lead: habits added to a draft, at any weight
        tried, lowered hit@4 on the tuning split (docs/architecture.md).
        """
        return dict.fromkeys(self.draft_dense or [h.product for h in self.own], 1.0)

    @staticmethod
    def _together_why(because_of: int | None, facts: dict[int, ProductFacts]) -> Callable[[], str]:
        if because_of is None or because_of not in facts:
            return texts.rising_why
        return partial(texts.together_why, name=facts[because_of].name)

    def _declined_last(self, found: list[T], facts: dict[int, ProductFacts]) -> list[T]:
        """`found` (habits or favourites, best first) with declined products after the rest."""
        return sorted(found, key=lambda f: facts[f.product].id in self.declined)

    def _from_assortment(self, missing: int, taken: set[int]) -> list[tuple[int, OfferItem]]:
        """Any available products, when history is too thin to suggest enough."""
        excluded = self.draft | self.shown_ids | taken | self.declined
        bought = {int(p) for p in self.index.product_ids[self.bought]}
        found = any_available(
            self.session, excluded_ids=excluded | bought, price_column=self.price_column,
            limit=missing,
        )  # fmt: skip
        if len(found) < missing:  # a tiny assortment: what the client knows rather than less
            excluded |= {p.id for p in found}
            found += any_available(
                self.session, excluded_ids=excluded, price_column=self.price_column,
                limit=missing - len(found),
            )  # fmt: skip
        return [(p.id, _offer(p, "addon", texts.assortment_why())) for p in found]

    def _facts(self, dense: Sequence[int]) -> dict[int, ProductFacts]:
        """Product facts keyed by dense position."""
        ids = {int(self.index.product_ids[d]): int(d) for d in dense}
        found = product_facts(self.session, ids=ids.keys(), price_column=self.price_column)
        return {ids[pid]: facts for pid, facts in found.items()}


def _ids(product_ids: set[int]) -> np.ndarray:
    return np.array(sorted(product_ids), dtype=np.int64)


def _active(facts: ProductFacts | None) -> bool:
    return facts is not None and facts.active


def _available(facts: ProductFacts | None) -> bool:
    return facts is not None and facts.available


def _offer(facts: ProductFacts, kind: str, why: str) -> OfferItem:
    return OfferItem(sku=facts.sku, name=facts.name, kind=kind, why=why, price=facts.price)


def _habit_item(habit: Habit, facts: ProductFacts) -> OfferItem:
    last = day_date(habit.last_day)
    why = texts.habit_why(
        orders_with=habit.orders_with,
        orders_total=habit.orders_total,
        usual=habit.usual_qty,
        unit=facts.unit,
        last=last,
    )
    return OfferItem(
        sku=facts.sku,
        name=facts.name,
        kind="traditional",
        why=why,
        price=facts.price,
        usual_qty=habit.usual_qty,
        last_bought=last,
    )
