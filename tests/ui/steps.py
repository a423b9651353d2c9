"""Steps the live call tests share: placing an order the way an operator does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.ui.call_compliance import REASON_KEY

IN_A_HURRY = "client in a hurry"


def place(app: AppTest, *, reason: str | None = IN_A_HURRY) -> AppTest:
    """Click "Place order"; with the standard incomplete, first one click on a reason."""
    chips = [p for p in app.get("button_group") if (p.key or "").startswith(REASON_KEY)]
    if chips and reason is not None:
        chips[0].set_value(reason).run()
    return app.button(key="place").click().run()
