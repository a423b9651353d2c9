"""Steps the live call tests share: placing an order the way an operator does."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.ui.call_compliance import REASON_KEY
from assistant.ui.session_user import ACTOR_KEY
from tests.desk_env import desk_env

IN_A_HURRY = "client in a hurry"


def place(app: AppTest, *, reason: str | None = IN_A_HURRY) -> AppTest:
    """Click "Place order"; with the standard incomplete, first one click on a reason."""
    chips = [p for p in app.get("button_group") if (p.key or "").startswith(REASON_KEY)]
    if chips and reason is not None:
        chips[0].set_value(reason).run()
    return app.button(key="place").click().run()


# Every role but trainee: the pages' own tests act as a user who may use all of them.
DESK_ROLES = ("operator", "editor", "head", "admin")


def logged_in(app: AppTest, *, name: str = "ana", roles: tuple[str, ...] = DESK_ROLES) -> AppTest:
    """The app with a user logged in to its session, as the login form leaves it."""
    app.session_state[ACTOR_KEY] = Actor.of(name, roles)
    return app


def knowledge_desk_env(
    monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path, **more: str
) -> None:
    """The pages' settings for a desk with a store of its own (fake embeddings, no LLM);
    `more` adds settings (e.g. DESK_CHROMA_URL). The cached services are dropped."""
    desk_env(
        monkeypatch, db_url, tmp_path, **{"DESK_KNOWLEDGE_DIR": str(tmp_path / "sources"), **more}
    )
    st.cache_resource.clear()  # services and the answerer are cached per process
