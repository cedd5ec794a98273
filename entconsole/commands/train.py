"""`entconsole train`, `entconsole scenarios`, `entconsole scenario check`: training sessions."""

from __future__ import annotations

import getpass
import tempfile
from pathlib import Path

import click

from entconsole import labels as L
from entconsole.commands.common import EXIT_USAGE, echo_json, fail
from entconsole.store import StoreError
from entconsole.training.progress import progress
from entconsole.training.sandbox import default_root, open_sandbox, room_report
from entconsole.training.scenarios import ScenarioError, find_scenario, load_scenario, shipped_scenarios
from entconsole.training.setup import build_start

dir_type = click.Path(file_okay=False, path_type=Path)


@click.command("train", help=L.TRAIN_CLI_HELP)
@click.argument("scenario", required=False, metavar="SCÉNARIO")
@click.option("--trainee", metavar="NOM", default=None, help=L.TRAIN_CLI_HELP_TRAINEE)
@click.option(
    "--dir", "root", type=dir_type, default=None, metavar="DOSSIER", envvar="ENTCONSOLE_TRAINING_DIR",
    help=L.TRAIN_CLI_HELP_DIR,
)
@click.option("--reset", is_flag=True, help=L.TRAIN_CLI_HELP_RESET)
@click.option("--report", "report_dir", type=dir_type, default=None, metavar="DOSSIER", help=L.TRAIN_CLI_HELP_REPORT)
@click.option("--json", "as_json", is_flag=True, help=L.TRAIN_CLI_HELP_JSON)
def train(
    scenario: str | None, trainee: str | None, root: Path | None, reset: bool,
    report_dir: Path | None, as_json: bool,
) -> None:
    if report_dir is not None:
        _report(report_dir, as_json)
        return
    if scenario is None:
        fail(L.TRAIN_CLI_NEED_SCENARIO, EXIT_USAGE)
    trainee = trainee or getpass.getuser()
    try:
        chosen = find_scenario(scenario)
        sandbox, created = open_sandbox(root or default_root(), chosen, trainee, reset=reset)
    except ScenarioError as exc:
        fail(exc.message, EXIT_USAGE)
    except StoreError as exc:
        fail(exc.message)
    template = L.TRAIN_CLI_CREATED if created else L.TRAIN_CLI_RESUMED
    notice = template.format(trainee=trainee, path=sandbox.path)
    click.echo(notice, err=True)
    from entconsole.cli import run_console
    from entconsole.screens.training import TrainingApp

    run_console(lambda: TrainingApp(sandbox, notice=notice))


def _report(root: Path, as_json: bool) -> None:
    reports = room_report(root)
    if as_json:
        echo_json([r.as_json() for r in reports])
        return
    if not reports:
        click.echo(L.TRAIN_CLI_NO_SANDBOX.format(path=root))
        return
    for r in reports:
        if r.progress is None:
            click.echo(L.TRAIN_CLI_REPORT_ERROR.format(trainee=r.trainee, title=r.scenario.title, error=r.error))
            continue
        marks = " ".join(f"{n}{'✓' if ok else '·'}" for n, ok in enumerate(r.progress.done, start=1))
        line = L.TRAIN_CLI_REPORT_LINE.format(
            trainee=r.trainee, title=r.scenario.title, done=r.progress.count, total=r.progress.total, marks=marks,
        )
        if r.last_action is not None:
            line += L.TRAIN_CLI_REPORT_ACTIVITY.format(count=r.actions, time=r.last_action.strftime("%H:%M"))
        click.echo(line)


@click.command("scenarios", help=L.TRAIN_CLI_SCENARIOS_HELP)
def scenarios() -> None:
    try:
        found = shipped_scenarios()
    except ScenarioError as exc:
        fail(exc.message)
    for s in found:
        click.echo(L.TRAIN_CLI_SCENARIO_LINE.format(
            id=s.id, title=s.title, steps=len(s.steps), today=s.start.today.strftime("%d/%m/%Y"),
            admin=s.start.admin, summary=s.summary,
        ))


@click.group("scenario", help=L.TRAIN_CLI_SCENARIO_HELP)
def scenario_group() -> None:
    pass


@scenario_group.command("check", help=L.TRAIN_CLI_CHECK_HELP)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FICHIER")
def scenario_check(file: Path) -> None:
    try:
        scenario = load_scenario(file)
        with tempfile.TemporaryDirectory(prefix="entconsole-scenario-") as tmp:
            store = build_start(scenario, Path(tmp) / "start.json")  # the names the checks use must exist
            already = [n for n, ok in enumerate(progress(store, scenario).done, start=1) if ok]
    except ScenarioError as exc:
        fail(exc.message)
    except StoreError as exc:
        fail(exc.message)
    if already:  # a step with nothing to do teaches nothing
        fail(L.TRAIN_CLI_CHECK_DONE_AT_START.format(path=file, steps=", ".join(map(str, already))))
    click.echo(L.TRAIN_CLI_CHECK_OK.format(path=file, title=scenario.title, steps=len(scenario.steps)))


COMMANDS = [train, scenarios, scenario_group]
