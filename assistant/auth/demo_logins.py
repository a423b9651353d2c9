"""One demo user per role with a random password, written once to a file only its owner reads."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from assistant.auth.rights import ROLES, Actor
from assistant.auth.users import UserBook

DEMO_NAMES = {role: f"demo.{role}" for role in ROLES}


def create_demo_users(*, users: UserBook, path: Path) -> dict[str, str]:
    """Add demo.operator .. demo.admin; their passwords go to `path` (mode 0600) and back."""
    logins = {DEMO_NAMES[role]: secrets.token_urlsafe(12) for role in ROLES}
    for role, name in DEMO_NAMES.items():
        users.add(actor=Actor.system(), name=name, roles=[role], password=logins[name])
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created with 0600 from the start, so the passwords are never readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# Order Desk demo logins: user password role\n")
        for role, name in DEMO_NAMES.items():
            out.write(f"{name} {logins[name]} {role}\n")
    path.chmod(0o600)  # an older file keeps its mode through O_TRUNC
    return logins
