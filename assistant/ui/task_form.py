"""The head of sales gives a call task (R24, R25): clients by code, from the sleepers or by
a filter, a purpose, a survey, the operators. Nothing typed is lost on a refusal."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from assistant import formats
from assistant.auth.rights import Actor
from assistant.errors import DeskError
from assistant.i18n import N_, _, ngettext
from assistant.outbound.labels import SURVEY_KIND
from assistant.outbound.sleeping import Sleeper
from assistant.outbound.task_spec import TaskSpec
from assistant.services import Services
from assistant.ui.session_user import acting

QUESTIONS_KEY = "task_questions"
MADE_KEY = "task_made"
PICKS = {
    "codes": N_("By client code"),
    "sleeping": N_("Sleeping clients"),
    "filter": N_("By filter"),
}


FORM_KEYS = (
    *("task_title", "task_purpose", "task_variant", "task_due", "task_codes", "task_pick"),
    *("task_limit", "task_region", "task_type", "task_sleepers", "task_operators"),
)


def render(desk: Services) -> None:
    """The form; a task made is announced and opened in the results."""
    actor = acting()
    title = st.text_input(_("Title"), max_chars=200, key="task_title")
    purpose = st.text_area(
        _("Purpose"),
        max_chars=2000,
        key="task_purpose",
        help=_("What the operator tells the client the call is for."),
    )
    variant_col, due_col = st.columns(2)
    variant = variant_col.text_input(_("Script variant"), max_chars=40, key="task_variant")
    due = due_col.date_input(_("Due date"), value=None, key="task_due", format="DD.MM.YYYY")
    data: dict[str, Any] = {
        "title": title,
        "purpose": purpose,
        "script_variant": variant,
        "due_date": due.isoformat() if due and not isinstance(due, tuple) else None,
    }
    data.update(_clients(desk))
    data["questions"] = _questions()
    data["operators"] = st.multiselect(
        _("Operators"), desk.tasks.operators(actor=actor), key="task_operators"
    )
    if st.button(_("Give the task"), key="task_give", type="primary"):
        try:
            task_id = desk.tasks.create(TaskSpec.from_json(data), actor=actor)
        except DeskError as err:
            for problem in err.problems:
                st.error(problem.message)
            return
        st.session_state[MADE_KEY] = task_id
        # A task given empties the form: a second click must not give the same task twice.
        for key in (*FORM_KEYS, QUESTIONS_KEY):
            st.session_state.pop(key, None)
        st.rerun()
    made = st.session_state.get(MADE_KEY)
    if made:
        st.success(_("Task {id} given: see it under Results.").format(id=made))


def _clients(desk: Services) -> dict[str, Any]:
    """How the clients are picked, as the task file says it."""
    pick = st.radio(
        _("Clients"),
        list(PICKS),
        format_func=lambda p: _(PICKS[p]),
        horizontal=True,
        key="task_pick",
    )
    types = list(desk.rules.routing.client_types)
    if pick == "codes":
        typed = st.text_area(
            _("Client codes"), key="task_codes", help=_("Separated by commas, spaces or lines.")
        )
        return {"clients": [c for c in re.split(r"[\s,;]+", typed) if c]}
    type_col, other_col = st.columns(2)
    kind = type_col.selectbox(
        _("Client type"),
        ["", *types],
        format_func=lambda t: desk.rules.routing.client_types[t].label if t else _("any"),
        key="task_type",
    )
    if pick == "filter":
        region = other_col.text_input(_("Region"), key="task_region")
        return {"filter": {"type": kind or None, "region": region or None}}
    limit = other_col.number_input(
        _("At most"), min_value=1, max_value=5000, value=20, key="task_limit"
    )
    found = _sleepers(desk, acting(), kind or None, desk.settings.database_url, date.today())
    st.caption(
        ngettext(
            "{n} sleeping client (silent for more than {factor} times its usual interval).",
            "{n} sleeping clients (silent for more than {factor} times their usual interval).",
            len(found),
        ).format(n=len(found), factor=formats.number(desk.sleepers.factor))
    )
    st.dataframe(
        [
            {
                _("Client"): f"{s.name} · {s.code}",
                _("Why"): s.reason,
                _("A month"): formats.money(s.monthly_value),
            }
            for s in found[: int(limit)]
        ],
        hide_index=True,
        key="task_sleepers",
    )
    return {"sleeping": {"type": kind or None, "limit": int(limit)}}


# Over a large history the sleepers take seconds: kept a few minutes per user, type and day,
# so each change of the form does not ask again (the task itself picks them afresh).
@st.cache_data(ttl=300, show_spinner=False, max_entries=50)
def _sleepers(
    _desk: Services, actor: Actor, client_type: str | None, url: str, day: date
) -> list[Sleeper]:
    return _desk.sleepers.list(actor=actor, client_type=client_type)


def _questions() -> list[dict[str, Any]]:
    """The survey editor: one row a question; choices separated by semicolons."""
    kinds = {_(v): k for k, v in SURVEY_KIND.items()}
    st.markdown("**" + _("Survey questions") + "**")
    edited = st.data_editor(
        pd.DataFrame(
            {
                "text": pd.Series(dtype=str),
                "kind": pd.Series(dtype=str),
                "choices": pd.Series(dtype=str),
            }
        ),
        num_rows="dynamic",
        hide_index=True,
        key=QUESTIONS_KEY,
        column_config={
            "text": st.column_config.TextColumn(_("Question"), required=True),
            "kind": st.column_config.SelectboxColumn(_("Answer"), options=list(kinds)),
            "choices": st.column_config.TextColumn(_("Choices (for a choice; separated by ;)")),
        },
    )
    out = []
    for row in edited.to_dict("records"):
        text = str(row.get("text") or "").strip()
        if not text:
            continue
        kind = kinds.get(str(row.get("kind") or ""), "text")
        choices = [c.strip() for c in str(row.get("choices") or "").split(";") if c.strip()]
        out.append({"text": text, "kind": kind, "choices": choices})
    return out
