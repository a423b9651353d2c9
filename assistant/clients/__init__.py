"""Clients, managers and departments: lookup, type and call routing (R2-R7)."""
