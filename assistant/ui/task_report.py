"""A call task's results for the head who gave it: each client's call, the survey
tabulated with a bar chart per question, and the sleepers who ordered again."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from assistant.i18n import _, ngettext
from assistant.outbound.labels import TASK_CLIENT_STATUS, YES_NO, label
from assistant.services import Services
from assistant.ui.session_user import acting
from assistant.ui.task_form import MADE_KEY
from assistant.ui.training_quiz import plain


def render(desk: Services) -> None:
    """Pick a task, see how it went."""
    tasks = desk.tasks.summaries(actor=acting())
    if not tasks:
        st.info(_("No call tasks yet."))
        return
    ids = [t["id"] for t in tasks]
    titles = {t["id"]: f"#{t['id']} {t['title']}" for t in tasks}
    made = st.session_state.get(MADE_KEY)
    chosen = st.selectbox(
        _("Task"),
        ids,
        index=ids.index(made) if made in ids else 0,
        format_func=titles.__getitem__,
        key="task_report_pick",
    )
    _task(desk.tasks.show(int(chosen), actor=acting()))


def _task(task: dict[str, Any]) -> None:
    st.caption(_("Purpose: {purpose}").format(purpose=plain(task["purpose"])))
    counts = task["counts"]
    shown = [
        (_("Clients"), counts["clients"]),
        (_("Done"), counts["done"]),
        (_("Unreachable"), counts["unreachable"]),
        (_("To call"), counts["pending"]),
        (_("Ordered again"), task["reactivated"]),
    ]
    for col, (name, value) in zip(st.columns(len(shown)), shown, strict=True):
        col.metric(name, value)
    st.dataframe(
        [
            {
                _("Client"): f"{c['name']} · {c['client']}",
                _("Operator"): c["operator"],
                _("Status"): label(TASK_CLIENT_STATUS, c["status"]),
                _("Called at"): c["called_at"] or "",
                _("Was sleeping"): c["was_sleeping"],
                _("Ordered again"): c["reactivated"],
            }
            for c in task["clients"]
        ],
        hide_index=True,
        key="task_report_clients",
    )
    for q in task["questions"]:
        _question(q)


def _question(q: dict[str, Any]) -> None:
    st.markdown(f"**{q['position']}. {plain(q['text'])}**")
    st.caption(ngettext("{n} answer", "{n} answers", q["answers"]).format(n=q["answers"]))
    if "counts" in q:
        answer, count = _("Answer"), _("Count")
        frame = pd.DataFrame(
            {answer: [label(YES_NO, k) for k in q["counts"]], count: list(q["counts"].values())}
        )
        st.dataframe(frame, hide_index=True, key=f"task_q_table_{q['id']}")
        chart = alt.Chart(frame).mark_bar().encode(x=alt.X(f"{count}:Q"), y=alt.Y(f"{answer}:N"))
        st.altair_chart(chart, key=f"task_q_chart_{q['id']}")
    elif "mean" in q:
        means = st.columns(3)
        means[0].metric(_("Mean"), "-" if q["mean"] is None else q["mean"])
        means[1].metric(_("Lowest"), "-" if q["min"] is None else q["min"])
        means[2].metric(_("Highest"), "-" if q["max"] is None else q["max"])
    else:
        st.dataframe({_("Answer"): q["texts"]}, hide_index=True, key=f"task_q_texts_{q['id']}")
