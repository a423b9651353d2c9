"""`desk ask`: a question answered from the documents, with its sources and SQL facts."""

from __future__ import annotations

from typing import Annotated, Any

import typer


def ask(
    question: Annotated[str, typer.Argument(help="The question, in any language.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many passages to use.")] = 5,
    client: Annotated[
        str | None,
        typer.Option("--client", help="Client code: prices in its column, its type's documents."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for machines.")] = False,
) -> None:
    """Answer from catalogues, price terms and procedures; numbers from the database."""
    # Imported here: assistant.cli imports this module while it is being built.
    from assistant.cli import _run, _services

    services = _services(as_json=as_json)

    def work() -> dict[str, Any]:
        answer = services.answerer.answer(question, k=k, client_code=client)
        return answer.as_dict()

    _run(as_json, work, answer_text)


def answer_text(data: dict[str, Any]) -> str:
    """The answer, then its sources numbered as the answer cites them."""
    lines = [data["answer"], ""]
    for number, source in enumerate(data["sources"], start=1):
        page = f", p. {source['page']}" if source["page"] else ""
        lines.append(f"[{number}] {source['title']}{page} ({source['doc']}) {source['score']}")
    return "\n".join(lines).rstrip()


def register(app: typer.Typer) -> None:
    """Add `desk ask` to the `desk` command."""
    app.command("ask")(ask)
