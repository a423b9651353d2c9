"""The `desk` command: every answer as JSON for machines, as text for people."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from assistant.cli import (
    ask,
    audit,
    backup,
    callbacks,
    calls,
    card,
    database,
    evaluate,
    feedback,
    knowledge,
    orders,
    outbound,
    report,
    script,
    train,
    train_quiz,
    users,
)
from assistant.cli.language import settle_language
from assistant.cli.output import act_as
from assistant.errors import DeskError
from assistant.i18n import _

app = typer.Typer(help=_("Order Desk: the telephone sales operator's desk."), no_args_is_help=True)


@app.callback()
def _speak(
    user: Annotated[
        str | None,
        typer.Option(
            "--user",
            envvar="DESK_USER",
            help=_("Act as this desk user, with its roles (default: the system account)."),
        ),
    ] = None,
) -> None:
    # Each run reads DESK_LANGUAGE and the user again (one process may run several, as tests do).
    settle_language()
    act_as(user)


# Registration order is the order `desk --help` lists the commands in.
app.add_typer(orders.order_app, name="order")
app.add_typer(orders.orders_app, name="orders")
app.add_typer(calls.calls_app, name="calls")
app.add_typer(callbacks.callbacks_app, name="callbacks")
app.add_typer(script.script_app, name="script")
app.add_typer(feedback.feedback_app, name="feedback")
app.command("ingest", help=knowledge.HELP)(knowledge.ingest)
app.command("ask", help=ask.HELP)(ask.ask)
app.command("init", help=database.INIT_HELP)(database.init)
app.command("import", help=database.IMPORT_HELP)(database.import_)
app.command("card", help=card.HELP)(card.card)
app.command("report", help=report.HELP)(report.report)
app.add_typer(evaluate.eval_app, name="eval")
app.add_typer(audit.audit_app, name="audit")
app.add_typer(users.users_app, name="users")
app.command("sleeping", help=outbound.SLEEPING_HELP)(outbound.sleeping)
app.add_typer(outbound.tasks_app, name="tasks")
# `desk train`: training (issue 11); the quiz commands live in their own module.
train.train_app.add_typer(train_quiz.quiz_app, name="quiz")
app.add_typer(train.train_app, name="train")
app.command("backup", help=backup.BACKUP_HELP)(backup.backup)
app.command("restore", help=backup.RESTORE_HELP)(backup.restore)


def main() -> None:
    """Entry point that never shows a traceback for a desk error."""
    try:
        app()
    except DeskError as err:
        typer.echo(_("Error: {message}").format(message=err.message), err=True)
        sys.exit(1)
