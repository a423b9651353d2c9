"""Calls of the order desk."""
