"""`entconsole undo`: "Annuler la dernière action" from the command line."""

from __future__ import annotations

import sys

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, fail, open_session
from entconsole.services.errors import ServiceError
from entconsole.services.undo import plan_undo, undo_last


@click.command("undo", help=L.CLI_HELP_UNDO)
@click.option("--yes", is_flag=True, help=L.CLI_HELP_YES)
@click.pass_context
def undo_command(ctx: click.Context, yes: bool) -> None:
    session = open_session(ctx)
    try:
        plan = plan_undo(session)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    entry = plan.entry
    if plan.refusal is not None:
        fail(L.UNDO_CANNOT.format(summary=entry.summary, reason=plan.refusal), EXIT_USAGE)
    if not yes:
        if not sys.stdin.isatty():
            fail(L.UNDO_NEEDS_YES, EXIT_USAGE)
        question = L.UNDO_CONFIRM.format(when=f"{entry.when:%d/%m/%Y %H:%M}", summary=entry.summary, count=plan.count)
        click.confirm(question, abort=True)
    try:
        result = undo_last(session, entry.id)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    click.echo(result.message)


COMMANDS = [undo_command]
