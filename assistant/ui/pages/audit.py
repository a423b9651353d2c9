"""The audit log (issue 10): who changed what and who was refused, for heads and admins."""

from __future__ import annotations

import json
import logging
from typing import Any

import streamlit as st

from assistant.auth.audit import AuditFilter
from assistant.auth.rights import RIGHTS
from assistant.errors import DeskError
from assistant.i18n import N_, _
from assistant.services import Services
from assistant.ui.deps import services
from assistant.ui.order_view import shown_when
from assistant.ui.session_user import acting

log = logging.getLogger(__name__)

ALL = "all"
SHOWN = 500
TABLE_COLUMNS = {
    "at": N_("When (UTC)"),
    "actor": N_("User"),
    "action": N_("Action"),
    "object": N_("On"),
    "outcome": N_("Outcome"),
    "before": N_("Before"),
    "after": N_("After"),
}
OUTCOMES = {
    "ok": N_("done"),
    "forbidden": N_("refused"),
    "failed": N_("failed"),
    "locked": N_("locked"),
    "refused_debt": N_("refused for debt"),
}
# Rows of the log name these too, beside the guarded actions.
OTHER_ACTIONS = ("login", "export")


def _filters() -> AuditFilter:
    """The filter row: from a day, one user, one action."""
    c1, c2, c3 = st.columns(3)
    since = c1.date_input(_("From"), value=None, key="audit_since", format="YYYY-MM-DD")
    user = c2.text_input(_("User"), key="audit_user").strip()
    action = c3.selectbox(
        _("Action"),
        [ALL, *RIGHTS, *OTHER_ACTIONS],
        format_func=lambda a: _("all") if a == ALL else a,
        key="audit_action",
    )
    return AuditFilter(
        since=since if not isinstance(since, tuple) else None,
        user=user or None,
        action=None if action == ALL else action,
        limit=SHOWN,
    )


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _page(desk: Services) -> None:
    actor = acting()
    if not actor.may("audit.read"):
        st.info(_("The audit log is for heads of sales and admins."))
        return
    rows = desk.audit.list(actor=actor, where=_filters())
    if not rows:
        st.info(_("No audit rows match these filters."))
        return
    if len(rows) >= SHOWN:
        st.caption(_("The newest {shown} rows.").format(shown=SHOWN))
    st.dataframe(
        [
            {
                **r,
                "at": shown_when(r["at"]),
                "object": r["object"] or "",
                "outcome": _(OUTCOMES[r["outcome"]]) if r["outcome"] in OUTCOMES else r["outcome"],
                "before": _json(r["before"]),
                "after": _json(r["after"]),
            }
            for r in rows
        ],
        hide_index=True,
        column_order=list(TABLE_COLUMNS),
        column_config={k: st.column_config.TextColumn(_(v)) for k, v in TABLE_COLUMNS.items()},
        key="audit_table",
    )


st.markdown("### " + _("Audit log"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Audit page failed")
    st.error(_("The audit log could not be loaded: see the server log."))
