"""The Reports page's figures as Altair charts, each with its table and a CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st

from assistant.i18n import _


def to_csv(rows: list[dict[str, Any]], columns: dict[str, str]) -> bytes:
    """The rows as CSV with the columns headed in the language now (BOM for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_(label) for label in columns.values()])
    for row in rows:
        writer.writerow([row.get(key, "") for key in columns])
    return out.getvalue().encode("utf-8-sig")


def table_with_csv(
    name: str,
    rows: list[dict[str, Any]],
    columns: dict[str, str],
    on_export: Callable[[str, int], None],
) -> None:
    """The table (headed in the language now) and its CSV download, side by side."""
    if not rows:
        st.caption(_("Nothing in this period."))
        return
    st.dataframe(
        rows,
        hide_index=True,
        column_order=list(columns),
        column_config={key: _(label) for key, label in columns.items()},
        key=f"report_table_{name}",
    )
    file_name = f"{name}.csv"
    st.download_button(
        _("Export CSV"),
        data=to_csv(rows, columns),
        file_name=file_name,
        mime="text/csv",
        icon=":material/download:",
        on_click=on_export,
        args=(file_name, len(rows)),
        key=f"report_csv_{name}",
    )


def bars(
    rows: list[dict[str, Any]],
    *,
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    color: str | None = None,
    color_title: str | None = None,
    horizontal: bool = False,
) -> None:
    """A bar chart of `y` by `x` (stacked by `color`); axis titles in the language now."""
    if not rows:
        return
    data = alt.Data(values=rows)
    category = alt.X(f"{x}:N", title=x_title, sort=None)
    amount = alt.Y(f"{y}:Q", title=y_title)
    if horizontal:
        category = alt.Y(f"{x}:N", title=x_title, sort="-x")  # type: ignore[assignment]
        amount = alt.X(f"{y}:Q", title=y_title)  # type: ignore[assignment]
    chart = alt.Chart(data).mark_bar().encode(category, amount)
    if color:
        chart = chart.encode(color=alt.Color(f"{color}:N", title=color_title))
    tips = [alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{y}:Q", title=y_title)]
    st.altair_chart(chart.encode(tooltip=tips), width="stretch")


def long_form(rows: list[dict[str, Any]], key: str, measures: dict[str, str]) -> list[dict]:
    """Rows with several measures as one row per measure, for grouped or stacked bars."""
    return [
        {key: row[key], "measure": _(label), "value": row[measure]}
        for row in rows
        for measure, label in measures.items()
    ]
