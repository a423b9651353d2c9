"""Argon2 password hashes: the plain text goes in, is checked, and is never kept."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.errors import DeskError
from assistant.i18n import _

MIN_LENGTH = 10
_hasher = PasswordHasher()
# Checked when the user is unknown or has no password, so a wrong name costs as long as a
# wrong password and the timing does not tell which one it was.
_DUMMY = _hasher.hash("not a password of anyone")


class WeakPassword(DeskError):
    code = "weak_password"


def hash_password(password: str) -> str:
    """The Argon2 hash of a password long enough to keep; refuses a short one."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            _("The password needs at least {count} characters.").format(count=MIN_LENGTH),
            field="password",
        )
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches the hash; a missing hash never matches (and takes as long)."""
    try:
        return _hasher.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
