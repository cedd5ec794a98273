"""`entconsole users`: the users list of the Utilisateurs section, on the command line."""

from __future__ import annotations

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, parse_date_option, structure_option
from entconsole.models import SchoolClass, User
from entconsole.services.users import Predeletion, SortKey, UserQuery, query_users
from entconsole.services.vocabulary import class_from_text, profile_from_text, source_from_text

PREDELETION_WORDS = {"yes": Predeletion.PREDELETED, "pending": Predeletion.PENDING, "no": Predeletion.NONE}


def user_json(user: User, store) -> dict:
    """DOMAIN.md field names plus the computed statuses and class names."""
    data = user.model_dump(mode="json")
    data["statuses"] = [s.value for s in user.statuses]
    data["class_names"] = [c.name for cid in user.classes if (c := store.get(SchoolClass, cid))]
    return data


def user_row(user: User, store) -> str:
    classes = ", ".join(c.name for cid in user.classes if (c := store.get(SchoolClass, cid)))
    statuses = ", ".join(L.STATUS[s.value] for s in user.statuses)
    return "\t".join(
        (
            f"{user.last_name.upper()} {user.first_name}",
            L.PROFILE[user.profile.value],
            user.login,
            classes or "—",
            statuses or "—",
        )
    )


@click.command("users", help=L.CLI_HELP_USERS)
@click.option("--profile", "profiles", multiple=True, metavar="PROFIL", help=L.CLI_HELP_USERS_PROFILE)
@click.option("--class", "classes", multiple=True, metavar="CLASSE", help=L.CLI_HELP_USERS_CLASS)
@click.option("--source", "sources", multiple=True, metavar="SOURCE", help=L.CLI_HELP_USERS_SOURCE)
@click.option("--activated/--not-activated", default=None, help=L.CLI_HELP_USERS_ACTIVATED)
@click.option("--blocked/--not-blocked", default=None, help=L.CLI_HELP_USERS_BLOCKED)
@click.option("--duplicates/--unique", default=None, help=L.CLI_HELP_USERS_DUPLICATES)
@click.option("--admins", is_flag=True, help=L.CLI_HELP_USERS_ADMINS)
@click.option("--predeleted", "predeleted", multiple=True, type=click.Choice(list(PREDELETION_WORDS)),
              help=L.CLI_HELP_USERS_PREDELETED)
@click.option("--created-before", callback=parse_date_option, metavar="AAAA-MM-JJ", help=L.CLI_HELP_USERS_BEFORE)
@click.option("--created-since", callback=parse_date_option, metavar="AAAA-MM-JJ", help=L.CLI_HELP_USERS_SINCE)
@click.option("--search", default="", metavar="TEXTE", help=L.CLI_HELP_USERS_SEARCH)
@click.option("--sort", type=click.Choice([k.value for k in SortKey]), default=SortKey.NAME.value,
              help=L.CLI_HELP_USERS_SORT)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@structure_option
@click.pass_context
def users_command(ctx, profiles, classes, sources, activated, blocked, duplicates, admins, predeleted,
                  created_before, created_since, search, sort, as_json, structure) -> None:
    session = open_session(ctx, structure)
    store, sid = session.store, session.structure.id
    wanted_profiles = set()
    for text in profiles:
        profile = profile_from_text(text)
        if profile is None:
            fail(L.CLI_USERS_UNKNOWN_PROFILE.format(value=text), EXIT_USAGE)
        wanted_profiles.add(profile)
    wanted_sources = set()
    for text in sources:
        source = source_from_text(text)
        if source is None:
            fail(L.CLI_UNKNOWN_SOURCE.format(value=text), EXIT_USAGE)
        wanted_sources.add(source)
    wanted_classes = set()
    for text in classes:
        school_class = class_from_text(store, sid, text)
        if school_class is None:
            fail(L.CLI_UNKNOWN_CLASS.format(value=text), EXIT_USAGE)
        wanted_classes.add(school_class.id)
    query = UserQuery(
        search=search,
        profiles=frozenset(wanted_profiles),
        classes=frozenset(wanted_classes),
        sources=frozenset(wanted_sources),
        activated=activated,
        blocked=blocked,
        duplicates=duplicates,
        admins_only=admins,
        created_before=created_before,
        created_since=created_since,
        sort=SortKey(sort),
    )
    if predeleted:
        query = query.with_(predeletion=frozenset(PREDELETION_WORDS[p] for p in predeleted))
    found = query_users(store, sid, query)
    if as_json:
        echo_json([user_json(u, store) for u in found])
        return
    for user in found:
        click.echo(user_row(user, store))
    click.echo(L.USERS_COUNT.format(count=len(found)) if found else L.USERS_NONE)


COMMANDS = [users_command]
