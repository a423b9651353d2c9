"""The login form in AppTest: nothing before login, a refusal, language, logout, expiry."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.ui.login import LAST_SEEN_KEY
from assistant.ui.session_user import ACTOR_KEY
from tests import factories as f

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PASSWORD = "a long enough secret"


@pytest.fixture
def desk(services: Any, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """One client with a price, and ana (operator, Croatian) who may log in."""
    monkeypatch.setenv("DESK_DATABASE_URL", db_url)
    st.cache_resource.clear()  # services are cached per process: rebuild for this database
    with services.sessions.begin() as s:
        f.columns(s)
        f.client(s, "M1", manager=f.manager(s, "MGR"), name="Obrt Kovačević")
    services.users.add(
        actor=Actor.system(), name="ana", roles=["operator"], password=PASSWORD, language="hr"
    )
    return services


def _log_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def _everything_drawn(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "caption", "title") for e in at.get(kind))


def test_the_app_opens_on_the_login_form_and_nothing_else(desk) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert [b.label for b in at.button] == ["Log in"]
    assert at.title[0].value == "Order Desk"
    assert "Obrt Kovačević" not in _everything_drawn(at) and not at.dataframe


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_desk_in_the_users_language(
    desk,
) -> None:
    at = _log_in(AppTest.from_file(APP, default_timeout=30).run(), "ana", "wrong password")
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert ACTOR_KEY not in at.session_state
    # The name stays for the next try; the password never does.
    assert at.text_input(key="login_name").value == "ana"
    assert at.text_input(key="login_password").value == ""
    at = _log_in(at, "ana", PASSWORD)
    assert not at.exception
    assert at.session_state[ACTOR_KEY] == Actor.of("ana", ["operator"])
    assert at.session_state["language"] == "hr"
    assert not [t for t in at.text_input if t.key == "login_password"]
    assert "Prijavljeni ste kao ana" in [c.value for c in at.sidebar.caption]


def test_logout_returns_to_the_login_form(desk) -> None:
    at = _log_in(AppTest.from_file(APP, default_timeout=30).run(), "ana", PASSWORD)
    at = at.sidebar.button(key="logout").click().run()
    assert ACTOR_KEY not in at.session_state
    # The session keeps ana's language after she leaves.
    assert [t.label for t in at.text_input] == ["Korisničko ime", "Lozinka"]


def test_a_session_idle_longer_than_the_setting_is_logged_out(desk, monkeypatch) -> None:
    monkeypatch.setenv("DESK_SESSION_IDLE_HOURS", "2")
    from assistant.config import get_settings

    get_settings.cache_clear()
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state[ACTOR_KEY] = Actor.of("ana", ["operator"])
    at.session_state[LAST_SEEN_KEY] = time.time() - 2.5 * 3600
    at.run()
    get_settings.cache_clear()
    assert ACTOR_KEY not in at.session_state
    assert "logged out after 2 h without activity" in at.warning[0].value
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_a_language_picked_after_login_is_kept_for_the_user(desk) -> None:
    at = _log_in(AppTest.from_file(APP, default_timeout=30).run(), "ana", PASSWORD)
    at.button_group(key="language").set_value("en").run()
    assert not at.exception
    assert desk.users.get("ana").language == "en"
    at = at.sidebar.button(key="logout").click().run()
    at.button_group(key="language").set_value("hr").run()  # before login: nobody to keep it for
    assert desk.users.get("ana").language == "en"


def test_with_an_auth_section_in_the_secrets_the_company_sign_in_is_offered(desk) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = {"client_id": "desk", "server_metadata_url": "https://idp.example/x"}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log in", "Sign in with your company account"]
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_the_desk_that_cannot_reach_its_database_at_start_says_what_to_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Nothing listens on port 1: the connection is refused, as while PostgreSQL is down.
    monkeypatch.setenv("DESK_DATABASE_URL", "postgresql+psycopg://desk@127.0.0.1:1/desk")
    st.cache_resource.clear()
    try:
        at = _log_in(AppTest.from_file(APP, default_timeout=30).run(), "ana", PASSWORD)
        assert not at.exception, at.exception
        assert [e.value for e in at.error] == [
            "The desk could not start: see the server log. Check DESK_DATABASE_URL."
        ]
        assert at.text_input(key="login_name").value == "ana"
        assert ACTOR_KEY not in at.session_state
    finally:
        st.cache_resource.clear()  # the services built for the dead address must not linger


@pytest.mark.postgres
def test_logging_in_after_the_database_went_away_says_try_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy import text

    from assistant.config import Settings
    from assistant.db import make_engine, migrate
    from assistant.services import build_services
    from tests.conftest import PG_ADMIN_URL, fresh_postgres_database

    with fresh_postgres_database() as url:
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        built = build_services(Settings(database_url=url))
        built.users.add(actor=Actor.system(), name="ana", roles=["operator"], password=PASSWORD)
        built.engine.dispose()
        monkeypatch.setenv("DESK_DATABASE_URL", url)
        st.cache_resource.clear()
        try:
            first = _log_in(AppTest.from_file(APP, default_timeout=30).run(), "ana", PASSWORD)
            assert ACTOR_KEY in first.session_state  # the desk is up and working
            at = AppTest.from_file(APP, default_timeout=30).run()  # a second operator's login
            admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:  # the server loses the database under the desk
                conn.execute(text(f'DROP DATABASE "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
            admin.dispose()
            at = _log_in(at, "ana", PASSWORD)
            assert not at.exception, at.exception
            assert [e.value for e in at.error] == ["The database was unreachable: try again."]
            assert ACTOR_KEY not in at.session_state
        finally:
            st.cache_resource.clear()
