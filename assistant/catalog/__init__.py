"""Catalog of the order desk."""
