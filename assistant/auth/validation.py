"""What a user's name, roles, e-mail and language may be, with messages that say the fix."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.auth.rights import ROLES
from assistant.errors import DeskError
from assistant.i18n import LANGUAGES, _

NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,79}")
EMAIL = re.compile(r"[^@\s]{1,100}@[^@\s]{1,80}\.[^@\s]{1,20}")


class InvalidUser(DeskError):
    code = "invalid_user"


def valid_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise InvalidUser(
            _(
                "User name {name!r}: use 2 to 80 lower-case letters, digits, dots, dashes or "
                "underscores, starting with a letter or digit (e.g. ana.horvat)."
            ).format(name=name[:100]),
            field="name",
        )
    return name


def valid_roles(roles: Sequence[str]) -> list[str]:
    wrong = [r for r in roles if r not in ROLES]
    if wrong or not roles:
        raise InvalidUser(
            _("Roles {wrong}: give one or more of {roles}.").format(
                wrong=", ".join(wrong) or "-", roles=", ".join(ROLES)
            ),
            field="roles",
        )
    return sorted(set(roles), key=ROLES.index)


def valid_email(email: str | None) -> str | None:
    """The address in lower case (providers differ in case), or None when not given."""
    if email is None:
        return None
    if not EMAIL.fullmatch(email.strip()):
        raise InvalidUser(
            _("{email!r} is not an e-mail address.").format(email=email[:100]), field="email"
        )
    return email.strip().lower()


def valid_language(language: str | None) -> str | None:
    if language is not None and language not in LANGUAGES:
        raise InvalidUser(_("Language: use hr or en."), field="language")
    return language


def duplicate(name: str) -> InvalidUser:
    return InvalidUser(
        _(
            "A user named {name} exists already: choose another name, or set its password "
            "with `desk users passwd {name} --password-stdin`."
        ).format(name=name),
        field="name",
    )
