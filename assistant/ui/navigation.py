"""The pages of the desk, each listed only for the roles that may use it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from assistant.i18n import _
from assistant.ui import training_call
from assistant.ui.session_user import acting, current_actor

PAGES_DIR = Path(__file__).resolve().parent / "pages"


def pages() -> list[st.Page]:
    """The pages the user may use, the first the default; titles in the language of this run.

    The url paths are fixed, so a language switch stays on the page it was made on. The
    services refuse on their own; the list only spares a user pages they cannot use:
    the live call needs the operator role, client data and prices need any role but
    trainee, and the audit log is for heads and admins. A trainee alone gets the
    training page and no client data; heads get it too, for the cohort.
    """
    # The logged-in user's own roles, never a training call's actor (which may place
    # orders in its sandbox): a trainee's training call never opens the real live call.
    actor = current_actor() or acting()
    training = _page("training.py", _("Training"), ":material/school:", "training")
    if not actor.may("data.read"):
        return [training]
    listed = []
    if actor.may("call.record"):
        listed.append(_page("call.py", _("Live call"), ":material/call:", "call"))
        listed.append(
            _page("callbacks.py", _("Call-backs"), ":material/phone_callback:", "callbacks")
        )
    listed += [
        _page("orders.py", _("Orders"), ":material/receipt_long:", "orders"),
        _page("calls.py", _("Calls"), ":material/history:", "calls"),
        _page("clients.py", _("Clients"), ":material/groups:", "clients"),
        _page("assistant.py", _("Ask"), ":material/quick_reference:", "assistant"),
        _page("knowledge.py", _("Knowledge"), ":material/library_books:", "knowledge"),
    ]
    if actor.may("call.record") or actor.may("tasks.manage"):
        listed.append(_page("tasks.py", _("Call tasks"), ":material/checklist:", "tasks"))
    if "trainee" in actor.roles or "head" in actor.roles:
        listed.append(training)
    if actor.may("feedback.answer"):
        listed.append(_page("feedback.py", _("Feedback"), ":material/feedback:", "feedback"))
    if actor.may("reports.read"):
        listed.append(_page("reports.py", _("Reports"), ":material/bar_chart:", "reports"))
    if actor.may("audit.read"):
        listed.append(_page("audit.py", _("Audit"), ":material/policy:", "audit"))
    return listed


def run() -> None:
    """Draw the page picked; remembers whether it is the Training page (training_call)."""
    page = st.navigation(pages(), position="top")
    # By title: a default page's url_path is "" (a trainee's only page is the default).
    training_call.on_page(page.title == _("Training"))
    page.run()


def _page(file: str, title: str, icon: str, url_path: str) -> st.Page:
    # The live call is the desk's home; without it the first page listed is.
    return st.Page(
        PAGES_DIR / file, title=title, icon=icon, url_path=url_path, default=file == "call.py"
    )
