"""Load and fault runs against the team set-up (issue 13): `make load`, REPORT.md.

Simulated operators call the desk's services as the live call page does (card, offers
recorded and answered, draft kept, quote, place, ask) on the team's PostgreSQL and Chroma
server; faults are injected while they work; every order placed is reconciled in SQL.
"""
