"""`entconsole journal`, `entconsole backups`, `entconsole restore`."""

from __future__ import annotations

import sys

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, parse_date_option
from entconsole.services.errors import ServiceError
from entconsole.services.history import journal_entries, list_backups, restore_backup
from entconsole.store import StoreError


@click.command("journal", help=L.CLI_HELP_JOURNAL)
@click.option("--since", callback=parse_date_option, metavar="AAAA-MM-JJ", help=L.CLI_HELP_SINCE)
@click.option("--actor", metavar="IDENTIFIANT", help=L.CLI_HELP_ACTOR)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def journal_command(ctx, since, actor, as_json) -> None:
    session = open_session(ctx)
    entries = journal_entries(session, since=since, actor=actor)
    if as_json:
        echo_json([e.model_dump(mode="json", exclude={"undo"}) for e in entries])
        return
    if not entries:
        click.echo(L.JOURNAL_EMPTY)
        return
    click.echo(L.JOURNAL_HEADER)
    for entry in entries:
        click.echo(L.JOURNAL_LINE.format(when=f"{entry.when:%d/%m/%Y %H:%M}", actor=entry.actor,
                                         count=entry.count, summary=entry.summary))
    click.echo(L.JOURNAL_TOTAL.format(count=len(entries)))


@click.command("backups", help=L.CLI_HELP_BACKUPS)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def backups_command(ctx, as_json) -> None:
    session = open_session(ctx)
    backups = list_backups(session)
    if as_json:
        echo_json([{"name": b.name, "path": str(b.path), "saved": b.saved.isoformat(timespec="seconds"),
                    "size": b.size, "revision": b.revision} for b in backups])
        return
    if not backups:
        click.echo(L.BACKUPS_EMPTY)
    for b in backups:
        click.echo(L.BACKUP_LINE.format(name=b.name, saved=f"{b.saved:%d/%m/%Y %H:%M}",
                                        revision=b.revision if b.revision is not None else "?",
                                        size=max(1, b.size // 1024)))


@click.command("restore", help=L.CLI_HELP_RESTORE)
@click.argument("name")
@click.option("--yes", is_flag=True, help=L.CLI_HELP_YES)
@click.pass_context
def restore_command(ctx, name, yes) -> None:
    session = open_session(ctx)
    if not yes:
        if not sys.stdin.isatty():
            fail(L.RESTORE_NEEDS_YES, EXIT_USAGE)
        click.confirm(L.RESTORE_CONFIRM.format(name=name), abort=True)
    try:
        result = restore_backup(session, name)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    except StoreError as exc:
        fail(exc.message)
    click.echo(result.message)


COMMANDS = [journal_command, backups_command, restore_command]
