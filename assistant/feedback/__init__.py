"""Clients' comments and wishes routed to the departments concerned (R20)."""
