"""`entconsole export / publipostage / import / feed`: the Imports / Exports section on the command line.

Exit codes of imports and feeds: 0 applied (or a clean dry run), 1 rows were
rejected (the good rows are still applied unless --strict), 2 an unusable
file or a refused command.
"""

from __future__ import annotations

from pathlib import Path

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, structure_option
from entconsole.services.csv_io import UnusableFile, write_csv
from entconsole.services.csv_templates import template_header
from entconsole.services.errors import ServiceError
from entconsole.services.exports import (
    PROFILE_FILE_SLUG,
    ExportFilter,
    ExportKind,
    FileExists,
    export_accounts,
    export_activation_codes,
    output_path,
    save_file,
)
from entconsole.services.feed_pupils import feed_pupils
from entconsole.services.feed_staff import feed_staff
from entconsole.services.imports import ImportOptions, RowAction, import_csv
from entconsole.services.sheets import PER_PAGE_CHOICES, distribution, send_sheets, sheets_pdf
from entconsole.services.vocabulary import class_from_text, profile_from_text
from entconsole.store import StoreError

EXIT_REJECTED = 1
SHOWN_NAMES = 20  # names listed before "… and N more" (--json lists them all)
KIND_WORDS = {"classique": ExportKind.CLASSIC, "classic": ExportKind.CLASSIC,
              "transition": ExportKind.TRANSITION}


def _profile(text: str | None):
    if text is None:
        return None
    profile = profile_from_text(text)
    if profile is None:
        fail(L.CLI_USERS_UNKNOWN_PROFILE.format(value=text), EXIT_USAGE)
    return profile


def _filter(session, class_name: str | None, profile: str | None, activated: bool | None) -> ExportFilter:
    class_id = None
    if class_name:
        school_class = class_from_text(session.store, session.structure.id, class_name)
        if school_class is None:
            fail(L.CLI_UNKNOWN_CLASS.format(value=class_name), EXIT_USAGE)
        class_id = school_class.id
    return ExportFilter(class_id=class_id, profile=_profile(profile), activated=activated)


def _save(out: str | None, name: str, data: bytes, force: bool) -> Path:
    try:
        return save_file(output_path(out, name), data, overwrite=force)
    except FileExists as exc:
        fail(exc.message + " " + L.CLI_IE_USE_FORCE, EXIT_USAGE)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    raise AssertionError  # fail() exits


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        fail(L.IO_CANNOT_READ.format(path=path, detail=exc.strerror or exc), EXIT_USAGE)
    raise AssertionError


filters = [
    click.option("--class", "class_name", metavar="CLASSE", help=L.CLI_IE_HELP_CLASS),
    click.option("--profile", "profile", metavar="PROFIL", help=L.CLI_IE_HELP_PROFILE),
    click.option("--activated/--not-activated", default=None, help=L.CLI_HELP_USERS_ACTIVATED),
    structure_option,
]


def with_filters(command):
    for option in reversed(filters):
        command = option(command)
    return command


out_option = click.option("--out", "out", metavar="CHEMIN", help=L.CLI_IE_HELP_OUT)
force_option = click.option("--force", is_flag=True, help=L.CLI_IE_HELP_FORCE)


# --------------------------------------------------------------------------- exports


@click.group("export", help=L.CLI_IE_HELP_EXPORT)
def export_group() -> None:
    pass


@export_group.command("accounts", help=L.CLI_IE_HELP_EXPORT_ACCOUNTS)
@click.option("--type", "kind", type=click.Choice(list(KIND_WORDS)), default="classique",
              help=L.CLI_IE_HELP_TYPE)
@with_filters
@out_option
@force_option
@click.pass_context
def export_accounts_command(ctx, kind, class_name, profile, activated, structure, out, force) -> None:
    session = open_session(ctx, structure)
    flt = _filter(session, class_name, profile, activated)
    try:
        files = export_accounts(session, KIND_WORDS[kind], flt)
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    if len(files) > 1 and out and Path(out).suffix and not Path(out).is_dir():
        fail(L.CLI_IE_OUT_DIR, EXIT_USAGE)
    for file in files:
        path = _save(out, file.name, file.data, force)
        click.echo(L.EXPORT_WRITTEN.format(count=file.count, path=path))


@export_group.command("codes", help=L.CLI_IE_HELP_EXPORT_CODES)
@with_filters
@out_option
@force_option
@click.pass_context
def export_codes_command(ctx, class_name, profile, activated, structure, out, force) -> None:
    session = open_session(ctx, structure)
    try:
        file = export_activation_codes(session, _filter(session, class_name, profile, activated))
    except ServiceError as exc:
        fail(exc.message, EXIT_USAGE)
    path = _save(out, file.name, file.data, force)
    click.echo(L.EXPORT_WRITTEN.format(count=file.count, path=path))


@click.command("publipostage", help=L.CLI_IE_HELP_PUBLIPOSTAGE)
@click.option("--per-page", type=click.Choice([str(n) for n in PER_PAGE_CHOICES]), default="1",
              help=L.CLI_IE_HELP_PER_PAGE)
@click.option("--url", "login_url", metavar="URL", help=L.CLI_IE_HELP_URL)
@click.option("--mail", is_flag=True, help=L.CLI_IE_HELP_MAIL)
@with_filters
@out_option
@force_option
@click.pass_context
def publipostage_command(ctx, per_page, login_url, mail, class_name, profile, activated, structure, out,
                         force) -> None:
    session = open_session(ctx, structure)
    flt = _filter(session, class_name, profile, activated)
    try:
        dist = distribution(session, flt)
        click.echo(L.SHEET_TOTAL.format(count=dist.total))
        click.echo(L.SHEET_WITHOUT_EMAIL.format(count=dist.without_email))
        if mail:
            click.echo(send_sheets(session, flt, login_url=login_url).message)
            if not out:
                return
        data = sheets_pdf(dist, int(per_page), login_url=login_url, title=session.structure.name)
    except (ServiceError, StoreError) as exc:
        fail(exc.message, EXIT_USAGE)
    name = f"fiches-connexion-{session.structure.uai or 'ent'}-{session.today:%Y%m%d}.pdf"
    path = _save(out, name, data, force)
    pages = -(-dist.total // int(per_page))
    click.echo(L.SHEET_WRITTEN.format(count=dist.total, per_page=per_page, pages=pages, path=path))


# --------------------------------------------------------------------------- imports and feeds


def _print_report(report, as_json: bool) -> None:
    if as_json:
        echo_json(report.to_dict())
        return
    for warning in getattr(report, "warnings", ()):
        click.echo(L.CLI_IE_WARNING.format(text=warning))
    if getattr(report, "unknown_classes", None):
        click.echo(L.CLI_IE_UNKNOWN_CLASSES.format(classes=", ".join(report.unknown_classes)))
    if getattr(report, "created_classes", None):
        click.echo(L.CLI_IE_CREATED_CLASSES.format(classes=", ".join(report.created_classes)))
    for row in report.rows:
        if row.action is RowAction.UNCHANGED and not row.warnings:
            continue
        detail = " ; ".join(row.reasons + row.warnings)
        click.echo(L.CLI_IE_ROW.format(line=row.line, name=row.name, action=L.IMPORT_ACTION[row.action.value],
                                       detail=detail or "—"))
    disappeared = getattr(report, "disappeared", [])
    for name in disappeared[:SHOWN_NAMES]:
        click.echo(L.CLI_IE_DISAPPEARED.format(name=name))
    if len(disappeared) > SHOWN_NAMES:
        click.echo(L.CLI_IE_MORE.format(count=len(disappeared) - SHOWN_NAMES))
    for _, name in getattr(report, "predeleted", ()):
        click.echo(L.CLI_IE_ROW.format(line="—", name=name, action=L.IMPORT_ACTION["predelete"], detail="—"))
    if report.backup:
        click.echo(L.CLI_IE_BACKUP.format(path=report.backup))
    click.echo(report.message if report.applied else L.CLI_IE_DRY_RUN.format(summary=report.summary()))


def _run(run, dry_run: bool, strict: bool, as_json: bool, report_out: str | None, force: bool) -> None:
    """Dry run first when --strict, so that a rejected row leaves the store untouched."""
    try:
        report = run(False) if (dry_run or strict) else run(True)
        if strict and not dry_run and not report.has_rejections:
            report = run(True)
    except UnusableFile as exc:
        fail(exc.message, EXIT_USAGE)
    except (ServiceError, StoreError) as exc:
        fail(exc.message, EXIT_USAGE)
    _print_report(report, as_json)
    if report_out:
        path = _save(report_out, "rapport-import.csv", report.to_csv(), force)
        if not as_json:
            click.echo(L.CLI_IE_REPORT_WRITTEN.format(path=path))
    if report.has_rejections:
        raise SystemExit(EXIT_REJECTED)


common_run = [
    click.option("--dry-run", is_flag=True, help=L.CLI_IE_HELP_DRY_RUN),
    click.option("--strict", is_flag=True, help=L.CLI_IE_HELP_STRICT),
    click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_JSON),
    click.option("--report", "report_out", metavar="CHEMIN", help=L.CLI_IE_HELP_REPORT),
    force_option,
    structure_option,
]


def with_run(command):
    for option in reversed(common_run):
        command = option(command)
    return command


file_argument = click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FICHIER")


@click.group("import", help=L.CLI_IE_HELP_IMPORT)
def import_group() -> None:
    pass


@import_group.command("template", help=L.CLI_IE_HELP_TEMPLATE)
@click.argument("profile", metavar="PROFIL")
@out_option
@force_option
def template_command(profile, out, force) -> None:
    wanted = _profile(profile)
    data = write_csv(template_header(wanted), [])
    path = _save(out, f"modele-{PROFILE_FILE_SLUG[wanted]}.csv", data, force)
    click.echo(L.CLI_IE_TEMPLATE_WRITTEN.format(path=path))


@import_group.command("csv", help=L.CLI_IE_HELP_IMPORT_CSV)
@click.option("--profile", "profile", required=True, metavar="PROFIL", help=L.CLI_IE_HELP_PROFILE)
@click.option("--predelete-absent", is_flag=True, help=L.CLI_IE_HELP_PREDELETE)
@click.option("--year-change", is_flag=True, help=L.CLI_IE_HELP_YEAR_CHANGE)
@click.option("--no-create-classes", is_flag=True, help=L.CLI_IE_HELP_NO_CLASSES)
@file_argument
@with_run
@click.pass_context
def import_csv_command(ctx, profile, predelete_absent, year_change, no_create_classes, file, dry_run, strict,
                       as_json, report_out, force, structure) -> None:
    session = open_session(ctx, structure)
    wanted = _profile(profile)
    raw = _read(file)
    options = ImportOptions(predelete_absent=predelete_absent, year_change=year_change,
                            create_classes=not no_create_classes)
    _run(lambda apply: import_csv(session, wanted, raw, options, apply=apply, file_name=file.name),
         dry_run, strict, as_json, report_out, force)


@click.group("feed", help=L.CLI_IE_HELP_FEED)
def feed_group() -> None:
    pass


@feed_group.command("pupils", help=L.CLI_IE_HELP_FEED_PUPILS)
@file_argument
@with_run
@click.pass_context
def feed_pupils_command(ctx, file, dry_run, strict, as_json, report_out, force, structure) -> None:
    session = open_session(ctx, structure)
    raw = _read(file)
    _run(lambda apply: feed_pupils(session, raw, apply=apply, file_name=file.name),
         dry_run, strict, as_json, report_out, force)


@feed_group.command("staff", help=L.CLI_IE_HELP_FEED_STAFF)
@file_argument
@with_run
@click.pass_context
def feed_staff_command(ctx, file, dry_run, strict, as_json, report_out, force, structure) -> None:
    session = open_session(ctx, structure)
    raw = _read(file)
    _run(lambda apply: feed_staff(session, raw, apply=apply, file_name=file.name),
         dry_run, strict, as_json, report_out, force)


COMMANDS = [export_group, publipostage_command, import_group, feed_group]
