"""`desk users`: add, list, disable and set passwords; passwords only ever come on stdin."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from assistant.auth.rights import ROLES
from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.errors import DeskError
from assistant.i18n import _

users_app = typer.Typer(help=_("The desk's users: add, list, disable, set a password."))

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help=_("Read the password from the first line of stdin (never from the command line)."),
    ),
]


def _password(from_stdin: bool) -> str | None:
    """The first line of stdin without its line end, or None when not asked for."""
    if not from_stdin:
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise DeskError(
            _("No password on stdin: pipe it in, e.g. `printf '%s\\n' \"$PW\" | desk users ...`."),
            field="password",
        )
    return password


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help=_("Login name, e.g. ana.horvat."))],
    role: Annotated[
        list[str],
        typer.Option(
            "--role", help=_("A role: {roles}. Repeat for more.").format(roles=", ".join(ROLES))
        ),
    ],
    password_stdin: PasswordStdin = False,
    email: Annotated[
        str | None, typer.Option(help=_("E-mail for signing in with the company account."))
    ] = None,
    language: Annotated[str | None, typer.Option(help=_("Preferred language: hr or en."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a user with one or more roles."""
    services = open_services(as_json=as_json)

    def work() -> dict[str, Any]:
        return services.users.add(
            actor=acting(services, as_json=as_json),
            name=name,
            roles=role,
            password=_password(password_stdin),
            email=email,
            language=language,
        ).as_dict()

    run(
        as_json,
        work,
        lambda u: _("User {name} added: {roles}.").format(
            name=u["name"], roles=", ".join(u["roles"])
        ),
    )


@users_app.command("list")
def list_(as_json: JsonFlag = False) -> None:
    """Every user with roles, language and last login (never a password hash)."""
    services = open_services(as_json=as_json)
    run(as_json, lambda: [u.as_dict() for u in services.users.list()], _table)


@users_app.command("disable")
def disable(
    name: Annotated[str, typer.Argument(help=_("Login name."))], as_json: JsonFlag = False
) -> None:
    """Stop a user from logging in; its history stays."""
    services = open_services(as_json=as_json)
    run(
        as_json,
        lambda: services.users.disable(
            actor=acting(services, as_json=as_json), name=name
        ).as_dict(),
        lambda u: _("User {name} is disabled.").format(name=u["name"]),
    )


@users_app.command("passwd")
def passwd(
    name: Annotated[str, typer.Argument(help=_("Login name."))],
    password_stdin: PasswordStdin = False,
    as_json: JsonFlag = False,
) -> None:
    """Set a user's password, read from stdin."""
    services = open_services(as_json=as_json)

    def work() -> dict[str, Any]:
        password = _password(password_stdin)
        if password is None:
            raise DeskError(
                _("Give the new password on stdin with --password-stdin."), field="password"
            )
        services.users.passwd(actor=acting(services, as_json=as_json), name=name, password=password)
        return {"name": name, "password": "changed"}

    run(as_json, work, lambda r: _("Password of {name} changed.").format(name=r["name"]))


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return _(
            "No users yet: add the first admin with "
            "`desk users add admin --role admin --password-stdin`."
        )
    lines = []
    for u in rows:
        state = _("disabled") if u["disabled"] else ""
        lines.append(
            f"{u['name']:<20} {', '.join(u['roles']):<28} {u['language'] or '-':<3} "
            f"{u['last_login_at'] or '-':<20} {state}".rstrip()
        )
    return "\n".join(lines)
