"""The `entconsole` command: the console itself and its subcommands."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click
import platformdirs
from pydantic import ValidationError

from entconsole import labels as L
from entconsole.clock import make_clock
from entconsole.commands import register as register_commands
from entconsole.commands.common import EXIT_USAGE, fail, parse_date_option
from entconsole.refusals import invalid_value_message
from entconsole.services.errors import ServiceError
from entconsole.ssh_map import SshMapError, resolve_login
from entconsole.store import StoreError


def default_db_path() -> Path:
    """$ENTCONSOLE_DB, else the demo store in the user data directory."""
    env = os.environ.get("ENTCONSOLE_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("entconsole", appauthor=False) / "demo.json"


def ensure_store(db: Path, today: date) -> str | None:
    """Create the demo store where none exists yet; return the notice saying where."""
    if db.exists():
        return None
    from entconsole.services.demo import write_demo

    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(L.STORE_CANNOT_CREATE.format(path=db, detail=exc.strerror or exc))
    try:
        write_demo(db, today)
    except StoreError as exc:
        fail(exc.message)
    notice = L.CLI_DEMO_CREATED.format(path=db.resolve())
    click.echo(notice, err=True)
    return notice


def has_terminal() -> bool:
    # textual-serve (entconsole serve) runs the console on pipes with its web driver
    if os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=L.CLI_HELP_DB
)
today_option = click.option(
    "--today", envvar="ENTCONSOLE_TODAY", callback=parse_date_option, metavar="AAAA-MM-JJ",
    help=L.CLI_HELP_TODAY,
)


class ConsoleGroup(click.Group):
    """The main group: a store or service error escaping a subcommand ends in one line.

    Commands catch what they expect; this is the net for the rest (a disk that
    fills up, a file deleted under the session...): the French message on
    stderr and exit code 1 (store) or 2 (refused), never a traceback.
    """

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail(exc.message)
        except ServiceError as exc:
            fail(exc.message, EXIT_USAGE)
        except ValidationError as exc:  # a value no form caught: the store refused it
            fail(invalid_value_message(exc), EXIT_USAGE)


@click.group(cls=ConsoleGroup, invoke_without_command=True, help=L.CLI_HELP)
@db_option
@click.option("--as", "acting_login", envvar="ENTCONSOLE_AS", metavar="IDENTIFIANT", help=L.CLI_HELP_AS)
@today_option
@click.pass_context
def main(ctx: click.Context, db: Path | None, acting_login: str | None, today: date | None) -> None:
    ctx.ensure_object(dict)
    try:
        # On a shared server, who may act as whom (entconsole/ssh_map.py).
        acting_login = resolve_login(acting_login)
    except SshMapError as exc:
        fail(exc.message, EXIT_USAGE)
    ctx.obj.update(db=db, acting_login=acting_login, today=today)
    if ctx.invoked_subcommand is not None:
        return
    db = db or default_db_path()
    notice = ensure_store(db, today or date.today())
    from entconsole.app import EntConsoleApp

    run_console(lambda: EntConsoleApp(db_path=db, acting_login=acting_login, today=today, notice=notice))


def run_console(make_app) -> None:
    """Build the console (a store or session error is one line), then run it on a terminal."""
    try:
        app = make_app()
    except StoreError as exc:
        fail(exc.message)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    if not has_terminal():
        fail(L.CLI_NO_TERMINAL)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@main.command(help=L.CLI_HELP_DEMO)
@db_option
@click.option("--force", is_flag=True, help=L.CLI_HELP_FORCE)
@today_option
@click.pass_context
def demo(ctx: click.Context, db: Path | None, force: bool, today: date | None) -> None:
    from entconsole.models import Structure, User
    from entconsole.services.demo import write_demo

    db = db or ctx.obj.get("db") or default_db_path()
    today = today or ctx.obj.get("today") or date.today()
    if db.exists() and not force:
        fail(L.STORE_EXISTS.format(path=db.resolve()))
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        store = write_demo(db, today, overwrite=force, clock=make_clock(today))
    except OSError as exc:
        fail(L.STORE_CANNOT_CREATE.format(path=db, detail=exc.strerror or exc))
    except StoreError as exc:
        fail(exc.message)
    schools = sum(1 for s in store.all(Structure) if s.is_school)
    click.echo(L.CLI_DEMO_WRITTEN.format(path=store.path, users=store.count(User), structures=schools))


@main.command(help=L.CLI_HELP_INFO)
@db_option
@click.pass_context
def info(ctx: click.Context, db: Path | None) -> None:
    from entconsole.models import Structure
    from entconsole.services.users import structure_users
    from entconsole.store import Store

    db = db or ctx.obj.get("db") or default_db_path()
    try:
        store = Store(db, create=False)
    except StoreError as exc:
        fail(exc.message)
    click.echo(L.CLI_INFO_LINE.format(path=store.path, version=store.meta.version, revision=store.revision))
    for structure in sorted(store.all(Structure), key=lambda s: s.name):
        if structure.is_school:
            users = sum(1 for _ in structure_users(store, structure.id))
            click.echo(L.CLI_INFO_STRUCTURE.format(name=structure.name, uai=structure.uai or "—", users=users))


register_commands(main)

if __name__ == "__main__":  # pragma: no cover
    main()
