"""Call tasks (R23-R25): heads give them and read the results; operators call their clients."""

from __future__ import annotations

import logging

import streamlit as st

from assistant.errors import DeskError
from assistant.i18n import _
from assistant.ui import task_form, task_list, task_report
from assistant.ui.deps import services
from assistant.ui.session_user import acting

log = logging.getLogger(__name__)

st.markdown("### " + _("Call tasks"))
try:
    desk, actor = services(), acting()
    parts = []
    if actor.may("call.record"):
        parts.append((_("My calls"), task_list.render))
    if actor.may("tasks.manage"):
        parts += [(_("New task"), task_form.render), (_("Results"), task_report.render)]
    if not parts:
        st.info(_("Call tasks are for operators and heads of sales."))
    else:
        tabs = st.tabs([name for name, _draw in parts])
        for tab, (_name, draw) in zip(tabs, parts, strict=True):
            with tab:
                draw(desk)
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Call tasks page failed")
    st.error(_("The call tasks could not be loaded: see the server log."))
