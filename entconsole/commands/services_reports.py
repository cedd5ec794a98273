"""`entconsole apps` and `entconsole reports`: the Services and Signalements sections as text or JSON."""

from __future__ import annotations

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail, open_session, structure_option
from entconsole.models import Connector, Group, Report
from entconsole.services import apps, reports
from entconsole.services.session import Session


def _datetime(moment) -> str:
    return L.SR_DATETIME.format(moment=moment)


def _group_json(group: Group) -> dict:
    kind = apps.group_kind(group)
    return {"id": group.id, "name": group.name, "type": group.type.value, "kind": kind.value if kind else None}


def _names(groups: list[Group]) -> str:
    return ", ".join(g.name for g in groups) or L.CLI_APPS_NO_GROUP


def _connector_json(session: Session, connector: Connector) -> dict:
    # The OAuth secret stays out of listings: say only whether one is set.
    data = connector.model_dump(mode="json", exclude={"groups", "oauth_secret"})
    data["oauth_secret_set"] = bool(connector.oauth_secret)
    data["groups"] = [_group_json(g) for g in apps.connector_groups(session, connector)]
    return data


def _flags(**flags: bool) -> str:
    shown = [L.CLI_APPS_FLAGS[name] for name, on in flags.items() if on]
    return f" [{', '.join(shown)}]" if shown else ""


@click.command("apps", help=L.CLI_HELP_APPS)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_SR_JSON)
@structure_option
@click.pass_context
def apps_command(ctx: click.Context, as_json: bool, structure: str | None) -> None:
    session = open_session(ctx, structure)
    applications = apps.applications(session)
    connectors = apps.structure_connectors(session)
    widgets = apps.widgets(session)
    if as_json:
        school = session.structure
        echo_json({
            "structure": {"id": school.id, "name": school.name, "uai": school.uai},
            "applications": [
                {
                    "id": view.application.id,
                    "name": view.application.name,
                    "display_name": view.application.display_name,
                    "address": view.application.address,
                    "roles": [
                        {"id": r.role.id, "name": r.role.name, "groups": [_group_json(g) for g in r.groups]}
                        for r in view.roles
                    ],
                }
                for view in applications
            ],
            "connectors": [_connector_json(session, c) for c in connectors],
            "widgets": [
                {
                    "id": w.widget.id,
                    "name": w.widget.name,
                    "display_name": w.widget.display_name,
                    "pinned": w.pinned,
                    "groups": [_group_json(g) for g in w.groups],
                }
                for w in widgets
            ],
        })
        return
    click.echo(L.CLI_APPS_TITLE.format(structure=session.structure.name))
    for view in applications:
        click.echo(view.application.display_name)
        for role in view.roles:
            click.echo(f"  {role.role.name} : {_names(role.groups)}")
    click.echo(L.CLI_APPS_CONNECTORS)
    for connector in connectors:
        flags = _flags(locked=connector.locked, inherited=connector.inherited)
        click.echo(f"  {connector.display_name} ({connector.identifier}) {connector.url}{flags}")
        click.echo(f"    {_names(apps.connector_groups(session, connector))}")
    click.echo(L.CLI_APPS_WIDGETS)
    for widget in widgets:
        click.echo(f"  {widget.widget.display_name}{_flags(pinned=widget.pinned)} : {_names(widget.groups)}")


def _report_json(report: Report) -> dict:
    data = report.model_dump(mode="json")
    data["state"] = reports.report_state(report).value
    return data


def _report_lines(report: Report) -> list[str]:
    first = reports.first_report(report)
    lines = [
        f"{_datetime(report.notification_date)}  {report.author_name}"
        + (f"  ({report.resource})" if report.resource else ""),
        f"  {report.text}",
    ]
    if first is not None:
        reported = L.RPT_REPORTED.format(date=_datetime(first.date), name=first.name)
        lines.append(f"  {reported} · {L.RPT_REPORTERS.format(count=len(report.reporters))}")
    for decision in (*report.history, report.decision):
        if decision is not None:
            state = L.RPT_STATE[decision.action.value]
            lines.append("  " + L.RPT_DECISION.format(state=state, date=_datetime(decision.date), name=decision.by_name))
    return lines


@click.command("reports", help=L.CLI_HELP_REPORTS)
@click.option("--pending", is_flag=True, help=L.CLI_HELP_REPORTS_PENDING)
@click.option("--treated", is_flag=True, help=L.CLI_HELP_REPORTS_TREATED)
@click.option("--json", "as_json", is_flag=True, help=L.CLI_HELP_SR_JSON)
@structure_option
@click.pass_context
def reports_command(ctx: click.Context, pending: bool, treated: bool, as_json: bool, structure: str | None) -> None:
    if pending and treated:
        fail(L.CLI_REPORTS_BOTH, EXIT_USAGE)
    session = open_session(ctx, structure)
    parts: list[tuple[str, list[Report]]] = []
    if not treated:
        parts.append((L.CLI_REPORTS_PENDING, reports.pending_reports(session)))
    if not pending:
        parts.append((L.CLI_REPORTS_TREATED, reports.treated_reports(session)))
    if as_json:
        echo_json([_report_json(r) for _title, found in parts for r in found])
        return
    for title, found in parts:
        click.echo(title.format(count=len(found)))
        for report in found:
            for line in _report_lines(report):
                click.echo(f"  {line}")


COMMANDS = [apps_command, reports_command]
