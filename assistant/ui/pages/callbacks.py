"""Call-backs (R22): who asked on the website to be called, the next to call first.

Overdue requests (their window closed while still open) are flagged; Take opens the live
call with the caller found by phone (ui/call_callback.py records the outcome there).
"""

from __future__ import annotations

import streamlit as st

from assistant.i18n import _, ngettext
from assistant.outbound.callback_queue import QueueItem
from assistant.ui import call_callback
from assistant.ui.deps import services
from assistant.ui.session_user import acting
from assistant.ui.training_quiz import plain


def _row(item: QueueItem, may_take: bool) -> None:
    with st.container(border=True):
        who, what, action = st.columns([2.4, 3, 1], vertical_alignment="center")
        company = f" · {plain(item.company)}" if item.company else ""
        who.markdown(f"**{plain(item.name)}**{company}  \n{plain(item.phone)}")
        if item.client:
            who.caption(_("Client {code}").format(code=item.client))
        else:
            who.caption(_("Not a client yet"))
        flags = [call_callback.when(item)]
        if item.overdue:
            flags.insert(0, ":red-badge[{}]".format(_("Overdue")))
        if item.attempts:
            tried = ngettext("tried once", "tried {n} times", item.attempts)
            flags.append(tried.format(n=item.attempts))
        what.markdown(" · ".join(flags))
        if item.topic:
            what.caption(plain(item.topic))
        if action.button(
            _("Take"), key=f"take-{item.id}", type="primary", width="stretch", disabled=not may_take
        ):
            call_callback.take(item)


st.subheader(_("Call-backs"))
actor = acting()
queue = services().callbacks.queue(actor=actor)
st.caption(_("Asked for on the website; the next to call first."))
if not queue:
    st.info(_("Nobody is waiting for a call-back."))
for item in queue:
    _row(item, actor.may("callback.work"))
