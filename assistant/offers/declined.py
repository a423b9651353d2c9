"""Items the client declined lately go after every other item of their kind (R11-R12)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

from assistant.offers import texts
from assistant.offers.models import OfferItem


def declined_last(
    ranked: Iterable[tuple[int, OfferItem]], declined: Collection[int], limit: int
) -> list[OfferItem]:
    """The first `limit` of the (product id, item) pairs, best first, with the items of
    `declined` products after all the others and saying why they are there."""
    pairs = list(ranked)
    kept = [item for product_id, item in pairs if product_id not in declined]
    if len(kept) >= limit:
        return kept[:limit]
    demoted = [
        replace(item, why=texts.declined_why(why=item.why))
        for product_id, item in pairs
        if product_id in declined
    ]
    return (kept + demoted)[:limit]
