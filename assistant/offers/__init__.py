"""Offers of the order desk."""
