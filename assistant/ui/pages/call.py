"""Live call: the one page an operator works a whole call from."""

from __future__ import annotations

from assistant.ui import call_caller

query, purpose = call_caller.box()
# The desk loads only now, with the caller box already on screen: a cold start shows it at once.
from assistant.ui import call_screen  # noqa: E402

call_screen.render(query, purpose)
