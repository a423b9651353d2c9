"""Steps the live call tests share: placing an order the way an operator does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.auth.rights import Actor
from assistant.ui.call_compliance import REASON_KEY
from assistant.ui.session_user import ACTOR_KEY

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
