"""The desk's users: adding, listing, disabling, passwords, languages and logging in.

Every change writes its audit row in the same transaction. A login that fails says the
same thing whether the user is unknown, disabled or mistyped a password (issue 10).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from assistant.auth.models import AuditEntry, User
from assistant.auth.passwords import hash_password, verify_password
from assistant.auth.rights import Actor, Forbidden, require
from assistant.auth.validation import (
    InvalidUser,
    duplicate,
    valid_email,
    valid_language,
    valid_name,
    valid_roles,
)
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.timeutil import utcnow

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


class UnknownUser(DeskError):
    code = "unknown_user"


class LoginRefused(DeskError):
    code = "login_refused"


@dataclass(frozen=True)
class UserView:
    """A user as the desk shows it: never the password hash."""

    name: str
    roles: list[str]
    email: str | None
    language: str | None
    disabled: bool
    created_at: datetime
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserView:
        return cls(
            name=user.name,
            roles=list(user.roles),
            email=user.email,
            language=user.language,
            disabled=user.disabled,
            created_at=user.created_at,
            last_login_at=user.last_login_at,
        )

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["created_at"] = self.created_at.isoformat(timespec="seconds")
        out["last_login_at"] = self.last_login_at and self.last_login_at.isoformat(
            timespec="seconds"
        )
        return out


def _refused() -> LoginRefused:
    return LoginRefused(_("Wrong username or password."))


class UserBook:
    """Users in SQL, with an injectable clock so tests pin the lock-out window."""

    def __init__(
        self, *, session_factory: sessionmaker[Session], now: Callable[[], datetime] = utcnow
    ) -> None:
        self._sessions = session_factory
        self._now = now

    def add(
        self,
        *,
        actor: Actor,
        name: str,
        roles: Sequence[str],
        password: str | None,
        email: str | None = None,
        language: str | None = None,
    ) -> UserView:
        """A new user; a password is optional only for one who signs in by e-mail (OIDC)."""
        self._guard(actor, "user.add", name)
        name, roles = valid_name(name), valid_roles(roles)
        email, language = valid_email(email), valid_language(language)
        if password is None and email is None:
            raise InvalidUser(
                _("Give a password (--password-stdin) or an e-mail to sign in with."),
                field="password",
            )
        user = User(
            name=name,
            roles=roles,
            password_hash=hash_password(password) if password is not None else None,
            email=email,
            language=language,
            disabled=False,
            created_at=self._now(),
        )
        try:
            with self._sessions.begin() as s:
                if s.scalar(select(User.id).where(User.name == name)) is not None:
                    raise duplicate(name)
                s.add(user)
                s.flush()
                view = UserView.of(user)
                self._audit(s, actor.name, "user.add", name, None, view.as_dict())
        except IntegrityError:
            raise duplicate(name) from None
        return view

    def list(self) -> list[UserView]:
        """Every user by name, disabled ones included."""
        with self._sessions() as s:
            return [UserView.of(u) for u in s.scalars(select(User).order_by(User.name))]

    def get(self, name: str) -> UserView:
        with self._sessions() as s:
            return UserView.of(_user(s, name))

    def disable(self, *, actor: Actor, name: str) -> UserView:
        """The user can no longer log in; its history stays."""
        self._guard(actor, "user.disable", name)
        with self._sessions.begin() as s:
            user = _user(s, name)
            before = UserView.of(user).as_dict()
            user.disabled = True
            view = UserView.of(user)
            self._audit(s, actor.name, "user.disable", name, before, view.as_dict())
        return view

    def passwd(self, *, actor: Actor, name: str, password: str) -> None:
        """A new password (the audit row says it changed, never what it is)."""
        self._guard(actor, "user.passwd", name)
        password_hash = hash_password(password)
        with self._sessions.begin() as s:
            _user(s, name).password_hash = password_hash
            self._audit(s, actor.name, "user.passwd", name, None, {"password": "changed"})

    def set_language(self, *, actor: Actor, name: str, language: str) -> None:
        """The user's preferred language; a user sets its own, an admin anyone's."""
        if actor.name != name:
            self._guard(actor, "user.language", name)
        valid_language(language)
        with self._sessions.begin() as s:
            user = _user(s, name)
            if user.language == language:
                return
            before = {"language": user.language}
            user.language = language
            self._audit(s, actor.name, "user.language", name, before, {"language": language})

    def authenticate(self, *, name: str, password: str) -> Actor:
        """The user's Actor; a failure, a lock-out or a disabled user is refused alike."""
        typed = _printable(name.strip().lower())
        now = self._now()
        with self._sessions.begin() as s:
            # Attempts during a lock are "locked", not "failed": they do not extend it.
            failures = s.scalars(
                select(AuditEntry.at)
                .where(
                    AuditEntry.action == "login",
                    AuditEntry.object == typed,
                    AuditEntry.outcome == "failed",
                    AuditEntry.at > now - 2 * WINDOW,
                )
                .order_by(AuditEntry.at)
            ).all()
            until = _locked_until(failures, now)
            if until is not None:
                minutes = math.ceil((until - now).total_seconds() / 60)
                self._audit(s, typed, "login", typed, None, None, outcome="locked")
                locked = LoginRefused(
                    _("Too many attempts: try again in {minutes} min.").format(
                        minutes=max(minutes, 1)
                    )
                )
            else:
                user = s.scalar(select(User).where(User.name == typed))
                ok = verify_password(user.password_hash if user else None, password)
                if user is not None and ok and not user.disabled:
                    user.last_login_at = now
                    self._audit(s, typed, "login", typed, None, None)
                    return Actor.of(user.name, user.roles)
                self._audit(s, typed, "login", typed, None, None, outcome="failed")
                locked = _refused()
        raise locked

    def by_email(self, email: str) -> Actor:
        """The desk user an identity provider's e-mail maps to (OIDC sign-in)."""
        address = _printable((email or "").strip().lower())
        with self._sessions.begin() as s:
            user = s.scalar(select(User).where(func.lower(User.email) == address))
            if user is None or user.disabled or not address:
                self._audit(s, address[:80], "login", address[:200], None, None, outcome="failed")
                refusal = LoginRefused(
                    _(
                        "No active desk user has the e-mail {email}: ask an admin to add it "
                        "(desk users add NAME --role ROLE --email ADDRESS)."
                    ).format(email=address or "?")
                )
            else:
                user.last_login_at = self._now()
                self._audit(s, user.name, "login", user.name, None, {"via": "oidc"})
                return Actor.of(user.name, user.roles)
        raise refusal

    def _guard(self, actor: Actor, action: str, name: str) -> None:
        """Refuse what the actor may not do, leaving a "forbidden" row behind."""
        try:
            require(actor, "users.manage")
        except Forbidden:
            with self._sessions.begin() as s:
                obj = _printable(name)
                self._audit(s, actor.name, action, obj, None, None, outcome="forbidden")
            raise

    def _audit(
        self,
        s: Session,
        actor: str,
        action: str,
        obj: str | None,
        before: Any,
        after: Any,
        *,
        outcome: str = "ok",
    ) -> None:
        s.add(
            AuditEntry(
                at=self._now(),
                actor=actor[:80],
                action=action,
                object=obj,
                before=before,
                after=after,
                outcome=outcome,
            )
        )


def _printable(text: str, limit: int = 200) -> str:
    """Typed text as the audit log can keep it: no NUL or control characters, bounded."""
    return "".join(ch for ch in text[: limit * 2] if ch.isprintable())[:limit]


def _locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """The end of the lock begun by any 5 failures within the window, if it lasts past now."""
    ends = [
        last + WINDOW
        for first, last in zip(failures, failures[MAX_FAILURES - 1 :], strict=False)
        if last - first <= WINDOW and last + WINDOW > now
    ]
    return max(ends, default=None)


def _user(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == name))
    if user is None:
        raise UnknownUser(
            _("No user is named {name}: see `desk users list`.").format(name=name[:100])
        )
    return user
