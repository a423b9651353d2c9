"""What every `desk` command shares: the services, JSON or text output, exit codes, errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from assistant.auth.rights import Actor, Forbidden
from assistant.config import Settings
from assistant.errors import DeskError
from assistant.i18n import _
from assistant.services import Services, build_services

# The name given with --user (or DESK_USER) for this run; None: the built-in system account.
_acting: dict[str, str | None] = {"user": None}


def act_as(name: str | None) -> None:
    """Remember whom this run acts as (the global --user option)."""
    _acting["user"] = (name or "").strip() or None


def acting(services: Services, *, as_json: bool = False) -> Actor:
    """The actor of this run: the --user's roles from the users table, or `system`.

    An unknown or disabled user exits 1 before anything is done.
    """
    from sqlalchemy import select

    from assistant.auth.models import User

    name = _acting["user"]
    if name is None:
        return Actor.system()
    with services.sessions() as session:
        user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        fail(
            Forbidden(
                _(
                    "There is no desk user {name!r}: check the name given with --user or "
                    "DESK_USER (desk users list shows them), or leave both out to act as system."
                ).format(name=name)
            ),
            as_json,
        )
    if user.disabled:
        fail(
            Forbidden(
                _("The desk user {name!r} is disabled: an admin can enable it again.").format(
                    name=name
                )
            ),
            as_json,
        )
    return Actor.of(user.name, user.roles or [])


JsonFlag = Annotated[bool, typer.Option("--json", help=_("Print JSON for machines."))]


def open_services(*, as_json: bool = False, check_schema: bool = True) -> Services:
    """The desk's services; a missing or outdated schema exits 1 with a hint."""
    from assistant.db import ensure_ready

    try:
        services = build_services(Settings())
        if check_schema:
            ensure_ready(services.engine)
    except DeskError as err:
        fail(err, as_json)
    return services


def fail(err: DeskError, as_json: bool) -> NoReturn:
    """Print a desk error ({"error", "message"} or "Error: ..." lines) and exit 1.

    The message is in DESK_LANGUAGE (it was worded where the error was raised); the
    "error" code is the same in every language.
    """
    if as_json:
        typer.echo(json.dumps(err.as_dict(), ensure_ascii=False))
    else:
        for problem in err.problems:
            typer.echo(_("Error: {message}").format(message=problem.message), err=True)
    raise typer.Exit(1)


def run(as_json: bool, work: Callable[[], Any], text: Callable[[Any], str]) -> Any:
    """Run `work`; print its result as JSON or text; turn a DeskError into exit code 1."""
    try:
        result = work()
    except DeskError as err:
        fail(err, as_json)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
    else:
        typer.echo(text(result))
    return result


def read_json(file: Path) -> Any:
    """A JSON file's content, or a DeskError saying why it cannot be read."""
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DeskError(
            _("Cannot read {file}: {problem}.").format(file=file, problem=exc.strerror)
        ) from exc
    except json.JSONDecodeError as exc:
        raise DeskError(
            _("{file} is not valid JSON: {problem} at line {line}.").format(
                file=file, problem=exc.msg, line=exc.lineno
            )
        ) from exc


def parse_date(value: str | None, name: str) -> date | None:
    """An option given as YYYY-MM-DD, or None when not given."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DeskError(
            _("{name} {value!r} is not a date: use YYYY-MM-DD.").format(name=name, value=value)
        ) from None
