"""`desk train quiz`: quiz questions made from the procedures; editors add and fix them."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from assistant.cli.output import JsonFlag, acting, open_services, run
from assistant.errors import DeskError
from assistant.i18n import _, ngettext
from assistant.training.quiz import FORMS
from assistant.training.quiz_book import procedures

quiz_app = typer.Typer(
    help=_("Quizzes from the procedures: generate, list, add and fix questions."),
    no_args_is_help=True,
)

Source = Annotated[
    str | None, typer.Option("--source", help=_("One procedure, e.g. procedures/complaints.md."))
]
Choices = Annotated[
    list[str] | None, typer.Option("--choice", help=_("A choice (repeat for each)."))
]
Answers = Annotated[
    list[str] | None,
    typer.Option(
        "--answer", help=_("The right choice; for a step order, every step in order (repeat).")
    ),
]


@quiz_app.command("generate")
def generate(source: Source = None, as_json: JsonFlag = False) -> None:
    """Make the questions again from the knowledge base's current procedures."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> list[dict[str, Any]]:
        book = services.quizzes
        if source is None:
            return [r.as_dict() for r in book.generate_all(actor=actor)]
        texts = procedures(services.knowledge_registry)
        if source not in texts:
            raise DeskError(
                _(
                    "No procedure {source!r} in the knowledge base: desk ingest indexes it, "
                    "and `desk train quiz generate` without --source does them all."
                ).format(source=source),
                field="source",
            )
        return [book.regenerate(source, texts[source], actor=actor).as_dict()]

    run(as_json, work, _generated)


@quiz_app.command("list")
def list_(
    source: Source = None,
    retired: Annotated[
        bool, typer.Option("--retired", help=_("Also the retired questions."))
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """The questions, by procedure: the passage each cites and its answer."""
    services = open_services(as_json=as_json)
    run(
        as_json,
        lambda: [q.as_dict() for q in services.quizzes.questions(source=source, retired=retired)],
        _listed,
    )


@quiz_app.command("add")
def add(
    source: Annotated[str, typer.Option("--source", help=_("The procedure the question is from."))],
    question: Annotated[str, typer.Option("--question", help=_("The question."))],
    passage: Annotated[
        str, typer.Option("--passage", help=_("The procedure's passage that answers it."))
    ],
    choice: Choices = None,
    answer: Answers = None,
    form: Annotated[
        str, typer.Option("--form", help=_("One of: {forms}.").format(forms=", ".join(FORMS)))
    ] = "department",
    language: Annotated[
        str | None, typer.Option("--language", help=_("hr or en (default: from the text)."))
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a question by hand (editors); it survives regeneration while its passage stays."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        return services.quizzes.add(
            actor=actor,
            source=source,
            form=form,
            question=question,
            choices=list(choice or []),
            answer=_answer(form, answer),
            passage=passage,
            language=language,
        ).as_dict()

    run(as_json, work, _saved)


@quiz_app.command("edit")
def edit(
    question_id: Annotated[int, typer.Argument(help=_("The question's id (see list)."))],
    question: Annotated[str | None, typer.Option("--question", help=_("The question."))] = None,
    passage: Annotated[
        str | None, typer.Option("--passage", help=_("The procedure's passage that answers it."))
    ] = None,
    choice: Choices = None,
    answer: Answers = None,
    retire: Annotated[
        bool | None,
        typer.Option("--retire/--restore", help=_("Take the question out of quizzes, or back.")),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Fix a question (editors); it becomes an editor's and is kept on regeneration."""
    services = open_services(as_json=as_json)
    actor = acting(services, as_json=as_json)

    def work() -> dict[str, Any]:
        book = services.quizzes
        changes: dict[str, Any] = {"question": question, "passage": passage, "retired": retire}
        if choice:
            changes["choices"] = list(choice)
        if answer:
            found = [q for q in book.questions(retired=True) if q.id == question_id]
            form = found[0].form if found else "department"
            changes["answer"] = _answer(form, answer)
        return book.edit(question_id, actor=actor, **changes).as_dict()

    run(as_json, work, _saved)


def _answer(form: str, given: list[str] | None) -> str | list[str]:
    values = list(given or [])
    if form == "step_order":
        return values
    if len(values) != 1:
        raise DeskError(_("Give exactly one --answer: the right choice."), field="answer")
    return values[0]


def _generated(result: list[dict[str, Any]]) -> str:
    if not result:
        return _("No procedure in the knowledge base yet: run desk ingest first.")
    lines = [
        _("{source}: {added} added, {kept} kept, {retired} retired").format(**r) for r in result
    ]
    flagged = sum(r["retired_by_hand"] for r in result)
    if flagged:
        lines.append(
            ngettext(
                "{n} question written by hand lost its passage: look at it (list --retired).",
                "{n} questions written by hand lost their passage: look at them (list --retired).",
                flagged,
            ).format(n=flagged)
        )
    return "\n".join(lines)


def _listed(result: list[dict[str, Any]]) -> str:
    if not result:
        return _("No quiz questions.")
    lines = []
    for q in result:
        marks = ("" if q["active"] else " [" + _("retired") + "]") + (
            " [" + _("by hand") + "]" if q["by_hand"] else ""
        )
        lines.append(f"{q['id']}  {q['source']}  {q['form']}{marks}\n    {q['question']}")
    return "\n".join(lines)


def _saved(result: dict[str, Any]) -> str:
    return _("Question {id} saved ({source}).").format(id=result["id"], source=result["source"])
