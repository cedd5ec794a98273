"""`entconsole block|unblock PROFILE` and `entconsole flash list`: Gérer mon établissement."""

from __future__ import annotations

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, structure_option
from entconsole.fmt import format_date, pick
from entconsole.models import BLOCKING_ORDER, BlockAction, Profile
from entconsole.services.errors import ServiceError
from entconsole.services.flash import (
    FlashStatus,
    flash_status,
    list_messages,
    message_text,
    target_label,
)
from entconsole.services.mass_block import mass_block
from entconsole.services.vocabulary import profile_from_text
from entconsole.store import StoreError


class ProfileType(click.ParamType):
    name = "PROFIL"

    def convert(self, value, param, ctx):
        if isinstance(value, Profile):
            return value
        profile = profile_from_text(value)
        if profile is None:
            choices = ", ".join(L.PROFILE[p.value] for p in BLOCKING_ORDER)
            self.fail(L.CLI_UNKNOWN_PROFILE.format(profile=value, choices=choices), param, ctx)
        return profile


def _run_mass_block(ctx: click.Context, profile: Profile, structure: str | None, action: BlockAction) -> None:
    session = open_session(ctx, structure)
    try:
        result = mass_block(session, profile, action)
    except StoreError as exc:
        fail(exc.message)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    click.echo(result.message)


@click.command("block", help=L.CLI_HELP_BLOCK)
@click.argument("profile", type=ProfileType(), metavar="PROFIL")
@structure_option
@click.pass_context
def block(ctx: click.Context, profile: Profile, structure: str | None) -> None:
    _run_mass_block(ctx, profile, structure, BlockAction.BLOCK)


@click.command("unblock", help=L.CLI_HELP_UNBLOCK)
@click.argument("profile", type=ProfileType(), metavar="PROFIL")
@structure_option
@click.pass_context
def unblock(ctx: click.Context, profile: Profile, structure: str | None) -> None:
    _run_mass_block(ctx, profile, structure, BlockAction.UNBLOCK)


@click.group("flash", help=L.CLI_HELP_FLASH)
def flash() -> None:
    pass


@flash.command("list", help=L.CLI_HELP_FLASH_LIST)
@click.option(
    "--status", type=click.Choice([s.value for s in FlashStatus]), default=None, help=L.CLI_HELP_FLASH_STATUS
)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@structure_option
@click.pass_context
def flash_list(ctx: click.Context, status: str | None, as_json: bool, structure: str | None) -> None:
    session = open_session(ctx, structure)
    try:
        messages = list_messages(session, FlashStatus(status) if status else None)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    today = session.today
    if as_json:
        echo_json([
            {
                "id": m.id,
                "title": m.title,
                "status": flash_status(m, today).value,
                "start_date": m.start_date.isoformat(),
                "end_date": m.end_date.isoformat(),
                "profiles": list(m.profiles),
                "color": m.color.value,
                "contents": m.contents,
                "structures": list(m.structures),
                "read_count": m.read_count,
                "author": m.author,
                "modified": m.modified.isoformat() if m.modified else None,
                "modified_by": m.modified_by,
                "mail_notification": m.mail_notification,
                "mobile_notification": m.mobile_notification,
            }
            for m in messages
        ])
        return
    if not messages:
        click.echo(L.CLI_FLASH_NONE)
        return
    for m in messages:
        click.echo(L.CLI_FLASH_LINE.format(
            status=L.FLASH_STATUS[flash_status(m, today).value],
            start=format_date(m.start_date),
            end=format_date(m.end_date),
            title=m.title,
            profiles=", ".join(target_label(t) for t in m.profiles),
            views=pick(m.read_count, L.CLI_FLASH_VIEWS).format(count=m.read_count),
        ))
        click.echo(f"          {message_text(m)}")


COMMANDS = [block, unblock, flash]
