"""`entconsole check`, `entconsole yearchange`, `entconsole bookmarks`, `entconsole bookmarks-clean`."""

from __future__ import annotations

import sys

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_ERROR, EXIT_USAGE, echo_json, fail, open_session, structure_option
from entconsole.services.bookmarks import BookmarkRow, clean_bookmarks, clean_preview, structure_bookmarks
from entconsole.services.errors import ServiceError
from entconsole.services.rentree import checklist
from entconsole.services.rentree_shares import structure_shares
from entconsole.services.year_change import YearChangePlan, plan_lines, plan_year_change, run_year_change
from entconsole.store import StoreError


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(question: str, refusal: str) -> None:
    """Confirm on the terminal; without one, refuse (the caller must pass --yes)."""
    if not stdin_is_terminal():
        fail(refusal, EXIT_USAGE)
    if not click.confirm(question, default=False):
        fail(L.RT_CLI_CANCELLED, EXIT_ERROR)


# --------------------------------------------------------------------------- check


@click.command("check", help=L.RT_CLI_HELP_CHECK)
@structure_option
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def check_command(ctx, structure, as_json) -> None:
    session = open_session(ctx, structure)
    result = checklist(session)
    if as_json:
        echo_json({
            "structure": session.structure.name,
            "school_year": result.school_year,
            "done": result.done_count,
            "total": len(result.steps),
            "steps": [
                {
                    "number": s.number, "step": s.step.value, "title": s.title, "period": s.period.value,
                    "count": s.count, "done": s.done, "rule": s.rule, "note": s.note,
                    "items": [{"id": i.id, "label": i.label, "reason": i.reason, "kept": i.kept,
                               "kind": i.kind, "weight": i.weight} for i in s.items],
                }
                for s in result.steps
            ],
        })
    else:
        click.echo(L.RT_TITLE.format(year=result.school_year) + f" · {session.structure.name}")
        click.echo(result.progress)
        for s in result.steps:
            mark = "✓" if s.done else "·"
            click.echo(L.RT_CLI_STEP.format(mark=mark, number=s.number, title=s.title, count=s.count,
                                            period=L.RT_PERIOD[s.period.value]))
            for item in s.items:
                kept = f" [{L.RT_KEPT_TAG}]" if item.kept else ""
                click.echo(f"     - {item.label} : {item.reason}{kept}")
            if s.note:
                click.echo(f"     {s.note}")
    sys.exit(0 if result.done_count == len(result.steps) else 1)


# --------------------------------------------------------------------------- year change


def plan_json(plan: YearChangePlan) -> dict:
    return {
        "figures": plan.figures(),
        "classes": [c.name for c in plan.classes],
        "teaching_groups": [g.name for g in plan.teaching_groups],
        "purged_shares": [{"resource": name, "groups": groups} for name, groups in plan.purged_shares],
        "kept": {"accounts": plan.accounts_kept, "manual_groups": plan.manual_groups_kept,
                 "structure_groups": plan.structure_groups_kept, "share_grants": plan.shares_kept},
    }


@click.command("yearchange", help=L.RT_CLI_HELP_YEARCHANGE)
@structure_option
@click.option("--dry-run", is_flag=True, help=L.RT_CLI_HELP_DRY_RUN)
@click.option("--yes", is_flag=True, help=L.CLI_HELP_YES)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def yearchange_command(ctx, structure, dry_run, yes, as_json) -> None:
    session = open_session(ctx, structure)
    plan = plan_year_change(session)
    if dry_run:
        if as_json:
            echo_json({"structure": session.structure.name, "dry_run": True, **plan_json(plan)})
        elif plan.empty:
            click.echo(L.RT_YC_NOTHING)
        else:
            click.echo(L.RT_YC_DRY_TITLE.format(structure=session.structure.name))
            for line in plan_lines(plan):
                click.echo(line)
        return
    if plan.empty:
        click.echo(L.RT_YC_NOTHING)
        return
    if not yes:
        for line in plan_lines(plan):
            click.echo(line, err=as_json)
        f = plan.figures()
        _ask(L.RT_YC_CONFIRM.format(structure=session.structure.name, classes=f["classes"], users=f["users"],
                                    grants=f["share_grants"]), L.RT_YC_NEEDS_YES)
    try:
        result = run_year_change(session, plan.figures())
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    except StoreError as exc:
        fail(exc.message)
    if as_json:
        echo_json({"structure": session.structure.name, "dry_run": False, "message": result.message,
                   **plan_json(plan)})
    else:
        click.echo(result.message)


# --------------------------------------------------------------------------- bookmarks


def bookmark_json(row: BookmarkRow) -> dict:
    return {
        "id": row.bookmark.id, "name": row.bookmark.name, "owner": row.owner.display_name,
        "owner_login": row.owner.login, "members": len(row.members),
        "gone": [{"name": m.name, "why": m.gone} for m in row.gone],
        "empty": row.empty, "past_year": row.past_year, "shares": row.shares, "stale": row.stale,
    }


@click.command("bookmarks", help=L.RT_CLI_HELP_BOOKMARKS)
@structure_option
@click.option("--stale", is_flag=True, help=L.RT_CLI_HELP_STALE)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def bookmarks_command(ctx, structure, stale, as_json) -> None:
    session = open_session(ctx, structure)
    rows = [r for r in structure_bookmarks(session) if r.stale or not stale]
    if as_json:
        echo_json([bookmark_json(r) for r in rows])
        return
    if not rows:
        click.echo(L.RT_BKM_NONE)
    for row in rows:
        reasons = ", ".join(row.reasons()) or L.RT_BKM_OK
        click.echo(L.RT_CLI_BOOKMARK.format(name=row.bookmark.name, owner=row.owner.display_name,
                                            members=len(row.members), shares=row.shares, reasons=reasons))
        for member in row.gone:
            click.echo(f"     - {member.name} : {member.gone}")


@click.command("bookmarks-clean", help=L.RT_CLI_HELP_BOOKMARKS_CLEAN)
@structure_option
@click.option("--dry-run", is_flag=True, help=L.RT_CLI_HELP_DRY_RUN)
@click.option("--yes", is_flag=True, help=L.CLI_HELP_YES)
@click.pass_context
def bookmarks_clean_command(ctx, structure, dry_run, yes) -> None:
    session = open_session(ctx, structure)
    ids = [r.bookmark.id for r in structure_bookmarks(session) if r.gone]
    preview = clean_preview(session, ids)
    for change in preview:
        action = L.RT_CLEAN_DELETE if change.delete else L.RT_CLEAN_REMOVE.format(count=len(change.removed))
        click.echo(L.RT_BKM_LABEL.format(name=change.row.bookmark.name, owner=change.row.owner.display_name)
                   + f" : {action}")
    if not preview:
        click.echo(L.RT_BKM_CLEAN_NOTHING)
        return
    if dry_run:
        return
    if not yes:
        _ask(L.RT_CLEAN_CONFIRM.format(count=len(preview)), L.RT_CLEAN_NEEDS_YES)
    try:
        result = clean_bookmarks(session, ids)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    except StoreError as exc:
        fail(exc.message)
    click.echo(result.message)


@click.command("shares", help=L.RT_CLI_HELP_SHARES)
@structure_option
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON)
@click.pass_context
def shares_command(ctx, structure, as_json) -> None:
    session = open_session(ctx, structure)
    views = structure_shares(session)
    if as_json:
        echo_json([
            {"id": v.share.id, "resource": v.share.resource_name, "type": v.share.resource_type, "owner": v.owner,
             "grants": [{"to": g.name, "kind": g.kind, "rights": [r.value for r in g.grant.rights],
                         "purged_by_year_change": g.purged} for g in v.grants]}
            for v in views
        ])
        return
    if not views:
        click.echo(L.RT_SHARES_NONE)
    for view in views:
        click.echo(L.RT_SHARE_LINE.format(resource=view.share.resource_name, type=view.share.resource_type,
                                          owner=view.owner))
        for g in view.grants:
            mark = L.RT_SHARE_PURGED if g.purged else L.RT_SHARE_KEPT
            click.echo("     " + L.RT_SHARE_GRANT.format(mark=mark, name=g.name, kind=L.RT_SHARE_KIND[g.kind],
                                                          rights=g.rights_text))


def _alias(command: click.Command, name: str) -> click.Command:
    """The same command under another name (hidden from the list of commands)."""
    return click.Command(name, callback=command.callback, params=command.params, help=command.help, hidden=True)


COMMANDS = [
    check_command,
    yearchange_command,
    bookmarks_command,
    bookmarks_clean_command,
    shares_command,
    _alias(check_command, "checklist"),
    _alias(yearchange_command, "year-change"),
]
