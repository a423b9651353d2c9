"""`desk calls list`: the call log (R1)."""

from __future__ import annotations

from typing import Annotated

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, open_services, run
from assistant.i18n import _

calls_app = typer.Typer(help=_("The call log (R1)."), no_args_is_help=True)


@calls_app.command("list", help=_("The call log, newest first, with offers made and accepted."))
def calls_list(
    client: Annotated[str | None, typer.Option(help=_("Only this client's calls."))] = None,
    operator: Annotated[str | None, typer.Option(help=_("Only this operator's calls."))] = None,
    as_json: JsonFlag = False,
) -> None:
    """The call log, newest first, with offers made and accepted."""
    from assistant.calls.service import CallFilter

    services = open_services(as_json=as_json)
    where = CallFilter(client_code=client, operator=operator)
    run(as_json, lambda: services.calls.list(where=where), text.calls)
