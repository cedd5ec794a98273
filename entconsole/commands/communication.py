"""`entconsole comm can-talk A B` and `entconsole comm matrix`."""

from __future__ import annotations

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, structure_option
from entconsole.services.communication import MATRIX_PROFILES, communication_matrix, why_can_talk
from entconsole.services.session import find_login


@click.group("comm", help=L.CLI_HELP_COMM)
def comm_group() -> None:
    pass


@comm_group.command("can-talk", help=L.CLI_HELP_CAN_TALK)
@click.argument("login_a")
@click.argument("login_b")
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def can_talk_command(ctx, login_a, login_b, as_json) -> None:
    session = open_session(ctx)
    admin = session.admin
    users = []
    for login in (login_a, login_b):
        user = find_login(session.store, login)
        # Only accounts of the admin's structures can be looked at.
        if user is None or not any(admin.is_admin_of(s) for s in user.structures):
            fail(L.CLI_COMM_UNKNOWN.format(login=login), EXIT_USAGE)
        users.append(user)
    a, b = users
    reasons = why_can_talk(session.store, a, b)
    if as_json:
        echo_json({
            "from": a.login, "to": b.login, "can_talk": bool(reasons),
            "reasons": [{"way": r.way.value, "source": r.source.name, "target": r.target.name,
                         "source_id": r.source.id, "target_id": r.target.id} for r in reasons],
        })
        return
    if reasons:
        click.echo(L.CLI_COMM_YES.format(a=a.display_name, b=b.display_name))
        for reason in reasons:
            click.echo(f"  - {reason.describe()}")
    else:
        click.echo(L.CLI_COMM_NO.format(a=a.display_name, b=b.display_name))


@comm_group.command("matrix", help=L.CLI_HELP_MATRIX)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@structure_option
@click.pass_context
def matrix_command(ctx, as_json, structure) -> None:
    session = open_session(ctx, structure)
    matrix = communication_matrix(session)
    if as_json:
        echo_json({p.value: {q.value: matrix[(p, q)].value for q in MATRIX_PROFILES} for p in MATRIX_PROFILES})
        return
    width = 18
    click.echo(L.COMM_MATRIX_CORNER.ljust(width) + "".join(L.PROFILE_PLURAL[q.value].ljust(width) for q in MATRIX_PROFILES))
    for p in MATRIX_PROFILES:
        cells = "".join(matrix[(p, q)].label.ljust(width) for q in MATRIX_PROFILES)
        click.echo(L.PROFILE_PLURAL[p.value].ljust(width) + cells)


COMMANDS = [comm_group]
