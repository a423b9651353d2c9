"""Offers of the order desk: new, special, traditional and add-on items (R11-R13)."""

from assistant.offers.models import OfferItem, Offers
from assistant.offers.service import OfferService

__all__ = ["OfferItem", "OfferService", "Offers"]
