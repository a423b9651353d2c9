"""The head of sales' figures (R26-R27): filters, charts, tables to CSV, the day's PDF.

Heads and admins see everyone and pick an operator; an operator sees its own figures
only (the service narrows them whatever the page asks).
"""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st

from assistant.calls.labels import OFFER_KINDS, label
from assistant.errors import DeskError
from assistant.i18n import N_, _
from assistant.reports.pdf import key_figures, summary_pdf
from assistant.reports.period import ReportFilter
from assistant.reports.service import SalesFigures
from assistant.services import Services
from assistant.ui.deps import services
from assistant.ui.report_charts import bars, long_form, table_with_csv
from assistant.ui.session_user import acting

log = logging.getLogger(__name__)

ALL = "all"
DAILY = {"day": N_("Day"), "operator": N_("Operator"), "calls": N_("Calls"),
         "orders": N_("Orders"), "order_value": N_("Order value")}  # fmt: skip
OFFERS = {"kind": N_("Kind"), "made": N_("Made"), "accepted": N_("Accepted")}
SKIPPED = {"requirement": N_("Requirement"), "reason": N_("Reason"), "count": N_("Calls")}
TRANSFERS = {"reason": N_("Reason"), "count": N_("Calls")}
FEEDBACK = {"department": N_("Department"), "count": N_("Open items")}
KEY = {"figure": N_("Figure"), "value": N_("Value")}


def _filters(desk: Services) -> ReportFilter | None:
    """The filter row: the period, the operator (heads and admins), the client type."""
    actor = acting()
    today = date.today()
    c1, c2, c3 = st.columns([1.6, 1, 1])
    picked = c1.date_input(
        _("Period"), value=(today.replace(day=1), today), format="YYYY-MM-DD", key="rep_period"
    )
    days = [d for d in (picked if isinstance(picked, tuple) else (picked,)) if d is not None]
    if not days:
        st.info(_("Pick the first and the last day of the period."))
        return None
    operator = None
    if actor.may("reports.all"):
        chosen = c2.selectbox(
            _("Operator"),
            [ALL, *desk.reports.operators()],
            format_func=lambda o: _("all") if o == ALL else o,
            key="rep_operator",
        )
        operator = None if chosen == ALL else chosen
    else:
        c2.caption(_("Your own figures: {name}").format(name=actor.name))
    kind = c3.selectbox(
        _("Client type"),
        [ALL, *desk.reports.client_types],
        format_func=lambda t: _("all") if t == ALL else t,
        key="rep_type",
    )
    return ReportFilter(days[0], days[-1], operator, None if kind == ALL else kind)


def _exported(file_name: str, rows: int) -> None:
    # Exports are audited like the orders' (R21): figures leave the desk as a file.
    services().audit.exported(actor=acting(), what=file_name, rows=rows)


def _headline(figures: SalesFigures) -> None:
    shown = key_figures(figures)
    for start in range(0, len(shown), 6):
        for column, (name, value) in zip(st.columns(6), shown[start : start + 6], strict=False):
            column.metric(name, value)
    rows = [{"figure": name, "value": value} for name, value in shown]
    with st.expander(_("Key figures as a table")):
        table_with_csv("key-figures", rows, KEY, _exported)


def _sections(figures: SalesFigures) -> None:
    tables = figures.tables()
    st.markdown("#### " + _("Calls and orders per operator and day"))
    daily = tables["per_operator_day"]
    bars(daily, x="day", y="calls", color="operator", x_title=_("Day"), y_title=_("Calls"),
         color_title=_("Operator"))  # fmt: skip
    bars(daily, x="day", y="orders", color="operator", x_title=_("Day"), y_title=_("Orders"),
         color_title=_("Operator"))  # fmt: skip
    table_with_csv("calls-orders-per-day", daily, DAILY, _exported)

    st.markdown("#### " + _("Offers made and accepted, by kind"))
    offers = [{**r, "kind": label(OFFER_KINDS, r["kind"])} for r in tables["offers"]]
    measures = {"made": OFFERS["made"], "accepted": OFFERS["accepted"]}
    bars(long_form(offers, "kind", measures), x="kind", y="value", color="measure",
         x_title=_("Kind"), y_title=_("Offers"), color_title=" ")  # fmt: skip
    table_with_csv("offers", offers, OFFERS, _exported)

    st.markdown("#### " + _("Script compliance: steps skipped and the reasons"))
    steps = [{"requirement": k, "count": n} for k, n in figures.skipped_steps.items()]
    bars(steps, x="requirement", y="count", x_title=_("Requirement"), y_title=_("Calls"))
    table_with_csv("skipped-steps", tables["skipped"], SKIPPED, _exported)

    st.markdown("#### " + _("Transfers by reason"))
    bars(tables["transfers"], x="reason", y="count", x_title=_("Reason"), y_title=_("Calls"),
         horizontal=True)  # fmt: skip
    table_with_csv("transfers", tables["transfers"], TRANSFERS, _exported)

    st.markdown("#### " + _("Call-backs and sleeping clients"))
    outcomes = [
        {"what": _("Call-backs received"), "count": figures.callbacks["received"]},
        {"what": _("answered within their window"),
         "count": figures.callbacks["answered_in_window"]},
        {"what": _("Sleeping clients called"), "count": figures.reactivation["sleeping_called"]},
        {"what": _("reactivated within 30 days"), "count": figures.reactivation["reactivated"]},
    ]  # fmt: skip
    bars(outcomes, x="what", y="count", x_title=" ", y_title=_("Count"), horizontal=True)
    st.caption(_("Orders refused for debt: {n}").format(n=figures.refused_for_debt))

    st.markdown("#### " + _("Feedback items open, by department"))
    bars(tables["feedback"], x="department", y="count", x_title=_("Department"),
         y_title=_("Open items"))  # fmt: skip
    table_with_csv("feedback-open", tables["feedback"], FEEDBACK, _exported)


def _day_pdf(desk: Services, where: ReportFilter) -> None:
    """The day's summary, for a day of the period, with the same operator and type."""
    c1, c2 = st.columns([1, 1], vertical_alignment="bottom")
    picked = c1.date_input(
        _("Day for the printable summary"), value=where.date_to, format="YYYY-MM-DD",
        key="rep_pdf_day",
    )  # fmt: skip
    one_day = picked if isinstance(picked, date) else where.date_to
    day_filter = ReportFilter(one_day, one_day, where.operator, where.client_type)
    figures = desk.reports.figures(where=day_filter, actor=acting())
    c2.download_button(
        _("Day's summary (PDF)"),
        data=summary_pdf(figures, lambda kind: label(OFFER_KINDS, kind)),
        file_name=f"summary-{one_day.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        on_click=_exported,
        args=(f"summary-{one_day.isoformat()}.pdf", 1),
        key="rep_pdf",
    )


def _page(desk: Services) -> None:
    actor = acting()
    if not actor.may("reports.read"):
        st.info(_("The figures are for operators, heads of sales and admins."))
        return
    where = _filters(desk)
    if where is None:
        return
    figures = desk.reports.figures(where=where, actor=actor)
    _headline(figures)
    _sections(figures)
    st.divider()
    _day_pdf(desk, figures.where)


st.markdown("### " + _("Sales figures"))
try:
    _page(services())
except DeskError as err:
    st.error(err.message)
except Exception:
    log.exception("the Reports page failed")
    st.error(_("The figures could not be loaded: see the server log."))
