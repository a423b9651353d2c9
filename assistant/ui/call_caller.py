"""Top bar of the live call: the caller box, the purpose and a new call.

Imports nothing of the desk's services: the page draws this bar first, so it shows at
once after a server start while the rest of the desk loads.
"""

from __future__ import annotations

import streamlit as st

from assistant.calls.labels import PURPOSES
from assistant.i18n import _
from assistant.ui.state import CALLER_KEY, LIVE_KEY, new_call

# Matches follow the typing after this pause; the box keeps its value when it goes live,
# because a keyed text box is the same widget whatever its `live` setting.
LIVE_PAUSE = "150ms"
_ARMED = "caller_live_armed"


def box() -> tuple[str, str]:
    """The caller as typed and the purpose of the call."""
    live = is_live()
    query_col, purpose_col, new_col = st.columns([5, 3, 1], vertical_alignment="bottom")
    query = query_col.text_input(
        _("Caller"),
        placeholder=_("Phone, client code or part of the name"),
        live=LIVE_PAUSE if live else False,
        key=CALLER_KEY,
    )
    purpose = purpose_col.segmented_control(
        _("Purpose"),
        list(PURPOSES),
        format_func=_purpose_label,
        default="order",
        required=True,
        key="purpose",
    )
    new_col.button(
        _("New call"), key="new_call", width="stretch", shortcut="Alt+N", on_click=new_call
    )
    if not live:
        with new_col:
            _go_live()
    return query, purpose or "order"


def _purpose_label(code: str) -> str:
    return _(PURPOSES[code])


def is_live() -> bool:
    """Whether the session's first page is on screen and the box follows the typing."""
    return bool(st.session_state.get(LIVE_KEY))


@st.fragment(run_every="0.5s")
def _go_live() -> None:
    # Measured in Chromium: a live text box draws ~0.4 s later than a plain one on a
    # session's first page. So the first page shows a plain box (Enter works at once),
    # and the first tick after the browser has drawn it turns on matching as you type.
    if st.session_state.get(_ARMED):
        st.session_state[LIVE_KEY] = True
        st.rerun(scope="app")
    st.session_state[_ARMED] = True


def hint() -> None:
    """What to do while nobody is typed."""
    st.caption(_("Type the caller's phone, client code or name. Enter takes the first match."))
