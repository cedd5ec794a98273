"""What every subcommand shares: opening the store and the session, failing cleanly."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
import orjson

from entconsole import labels as L
from entconsole.clock import make_clock
from entconsole.services.errors import ServiceError
from entconsole.services.session import Session
from entconsole.store import Store, StoreError

EXIT_ERROR = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def open_session(ctx: click.Context, structure: str | None = None) -> Session:
    """The store and acting admin from the main options (--db, --as, --today).

    `structure` (name, UAI or id) picks one structure for admins of several;
    by default the first of their scope.
    """
    from entconsole.cli import default_db_path

    obj = ctx.find_root().obj or {}
    db: Path = obj.get("db") or default_db_path()
    today: date | None = obj.get("today")
    try:
        store = Store(db, create=False, clock=make_clock(today))
        session = Session.open(store, obj.get("acting_login"), today or date.today())
        if structure is not None:
            wanted = structure.strip().lower()
            match = [s for s in session.structures if wanted in (s.id.lower(), (s.uai or "").lower(), s.name.lower())]
            if not match:
                fail(L.CLI_UNKNOWN_STRUCTURE.format(structure=structure), EXIT_USAGE)
            session.switch(match[0].id)
        elif session.structure_id is None:
            session.switch(session.structures[0].id)
    except StoreError as exc:
        fail(exc.message)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    return session


def parse_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A click callback for AAAA-MM-JJ options, with the French error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(L.CLI_BAD_DATE.format(value=value)) from None


def echo_json(data: object) -> None:
    """JSON on stdout (dates ISO, non-ASCII kept)."""
    click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())


structure_option = click.option(
    "--structure", "structure", metavar="ÉTABLISSEMENT", default=None,
    help=L.CLI_HELP_STRUCTURE,
)
