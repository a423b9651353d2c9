"""Live call: the one page an operator works a whole call from."""

from __future__ import annotations

import streamlit as st

from assistant.ui import call_callback, call_caller

if "call" in st.query_params or "draft_refused" in st.session_state:
    # A reload (maybe onto another app process): the call in the address opens again.
    from assistant.ui import call_draft
    from assistant.ui.deps import live_services

    call_draft.reopen_from_url(live_services())
    call_draft.refusal()
call_callback.banner()  # a call-back taken from the queue: its caller and outcome
query, purpose = call_caller.box()
if query.strip() or call_caller.is_live():
    # The desk loads once the first page is on screen (or a caller is typed): a cold start
    # shows the caller box at once, and the services and their warm-up start right after.
    from assistant.ui import call_screen, call_task

    call_task.render()  # a call task's purpose and survey, when the call is one (R24, R25)
    call_screen.render(query, purpose)
else:
    call_caller.hint()
