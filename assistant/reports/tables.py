"""The call log's tables as the figures read them, by name.

`assistant.calls` is a sibling use case (import-linter keeps siblings independent), so
the reports name the columns they aggregate instead of importing its models; the
figures' tests (tests/db/test_reports.py, both backends) fail on any rename.
"""

from __future__ import annotations

from sqlalchemy import Boolean, DateTime, Integer, String, column, table
from sqlalchemy.types import JSON, Text

calls = table(
    "calls",
    column("id", Integer),
    column("operator", String),
    column("client_id", Integer),
    column("started_at", DateTime),
    column("transferred_to_id", Integer),
    column("transfer_reason", Text),
    column("skipped", JSON),
)
offers_made = table(
    "offers_made",
    column("id", Integer),
    column("call_id", Integer),
    column("kind", String),
    column("accepted", Boolean),
)
