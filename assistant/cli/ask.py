"""`desk ask`: a question answered from the documents, with its sources and SQL facts."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli import text
from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.i18n import _

HELP = _("Answer from catalogues, price terms and procedures; numbers from the database.")


def ask(
    question: Annotated[str, typer.Argument(help=_("The question, in any language."))],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help=_("How many passages to use."))] = 5,
    client: Annotated[
        str | None,
        typer.Option(
            "--client", help=_("Client code: prices in its column, its type's documents.")
        ),
    ] = None,
    after: Annotated[
        list[str] | None,
        typer.Option(
            "--after",
            help=_(
                "A question asked before this one (repeat it, oldest first): "
                "a follow-up is answered in their context."
            ),
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Answer from catalogues, price terms and procedures; numbers from the database."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        answer = services.answerer.answer(
            question, actor=actor, k=k, client_code=client, after=after or ()
        )
        return answer.as_dict()

    run(as_json, work, text.answer)
