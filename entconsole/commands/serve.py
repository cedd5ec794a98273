"""`entconsole serve`: the console in a browser, through textual-serve.

textual-serve starts one console process per browser tab (the store's file
lock makes concurrent sessions safe). It has no authentication: it listens
on localhost unless told otherwise, and says so loudly when told otherwise.
"""

from __future__ import annotations

import getpass
import ipaddress
import shlex
import socket
import sys

import click

from entconsole import labels as L
from entconsole.commands.common import fail

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def console_command(args: tuple[str, ...]) -> str:
    """The shell command textual-serve runs per tab: this Python, this entconsole."""
    return shlex.join([sys.executable, "-m", "entconsole", *args])


@click.command(
    "serve", help=L.SERVE_CLI_HELP,
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.option("--host", default="127.0.0.1", show_default=True, help=L.SERVE_CLI_HELP_HOST)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help=L.SERVE_CLI_HELP_PORT)
@click.option("--public-url", default=None, metavar="URL", help=L.SERVE_CLI_HELP_PUBLIC_URL)
@click.argument("console_args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, public_url: str | None, console_args: tuple[str, ...]) -> None:
    try:
        from textual_serve.server import Server
    except ImportError:
        fail(L.SERVE_MISSING)
    # the main options given before `serve` (--db, --as, --today) go to each console too
    obj = ctx.find_root().obj or {}
    inherited: list[str] = []
    if obj.get("db"):
        inherited += ["--db", str(obj["db"])]
    if obj.get("acting_login"):
        inherited += ["--as", obj["acting_login"]]
    if obj.get("today"):
        inherited += ["--today", obj["today"].isoformat()]
    command = console_command((*inherited, *console_args))
    if not is_local(host):
        click.echo(L.SERVE_WARNING.format(host=host, port=port, user=getpass.getuser(), machine=socket.gethostname()), err=True)
    click.echo(L.SERVE_LISTENING.format(host=host, port=port), err=True)
    Server(command, host=host, port=port, title=L.APP_TITLE, public_url=public_url).serve()


COMMANDS = [serve]
