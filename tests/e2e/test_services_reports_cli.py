"""`entconsole apps` and `entconsole reports` on the demo store."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole.cli import main
from entconsole.models import Application, Connector, Group, Report, Structure
from entconsole.services.reports import report_state
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, demo_path, *args):
    return runner.invoke(main, ["--db", str(demo_path), "--today", TODAY.isoformat(), *args])


def director_school(demo_path) -> Structure:
    store = Store(demo_path, create=False)
    return next(s for s in store.all(Structure) if s.uai == "0601234X")


def test_apps_json_lists_roles_with_this_school_groups(runner, demo_path):
    before = demo_path.read_bytes()
    result = run(runner, demo_path, "apps", "--json")
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    school = director_school(demo_path)
    assert data["structure"]["uai"] == "0601234X"
    store = Store(demo_path, create=False)
    ours = {g.id for g in store.find(Group, "structure", school.id)}
    assert len(data["applications"]) == store.count(Application)
    groups_seen = [g for a in data["applications"] for r in a["roles"] for g in r["groups"]]
    assert groups_seen and all(g["id"] in ours for g in groups_seen)
    wall = next(a for a in data["applications"] if a["display_name"] == "Mur collaboratif")
    assert [r["groups"] for r in wall["roles"]][0] == []
    identifiers = {c["identifier"]: c for c in data["connectors"]}
    assert set(identifiers) == {c.identifier for c in store.find(Connector, "structure", school.id)}
    assert identifiers["gar-mediacentre"]["locked"] is True
    assert identifiers["portail-commune"]["inherited"] is True
    # the OAuth secret is never printed
    assert "oauth_secret" not in identifiers["lire-en-ligne"]
    assert identifiers["lire-en-ligne"]["oauth_secret_set"] is True
    assert "demo-secret" not in result.output
    assert any(w["pinned"] for w in data["widgets"])
    assert demo_path.read_bytes() == before  # listing writes nothing


def test_apps_text(runner, demo_path):
    result = run(runner, demo_path, "apps")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == L.CLI_APPS_TITLE.format(structure=director_school(demo_path).name)
    assert f"  Mur collaboratif - Création : {L.CLI_APPS_NO_GROUP}" in lines
    assert L.CLI_APPS_CONNECTORS in lines and L.CLI_APPS_WIDGETS in lines
    locked = next(line for line in lines if "(gar-mediacentre)" in line)
    assert locked.endswith(f"[{L.CLI_APPS_FLAGS['locked']}]")


def test_apps_for_the_other_school_of_the_advisor(runner, demo_path):
    result = run(runner, demo_path, "--as", "julien.carpentier", "apps", "--json", "--structure", "0601567K")
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    assert data["structure"]["uai"] == "0601567K"
    assert "gar-mediacentre" not in {c["identifier"] for c in data["connectors"]}


def test_apps_refuses_a_structure_out_of_scope(runner, demo_path):
    result = run(runner, demo_path, "apps", "--structure", "0601567K")
    assert result.exit_code == 2
    assert "0601567K" in result.output and "Traceback" not in result.output


def test_reports_json_pending_and_treated(runner, demo_path):
    store = Store(demo_path, create=False)
    school = director_school(demo_path)
    ours = store.find(Report, "structure", school.id)
    pending = run(runner, demo_path, "reports", "--pending", "--json")
    treated = run(runner, demo_path, "reports", "--treated", "--json")
    both = run(runner, demo_path, "reports", "--json")
    assert pending.exit_code == treated.exit_code == both.exit_code == 0
    pending, treated, both = (orjson.loads(r.output) for r in (pending, treated, both))
    assert {r["state"] for r in pending} == {"pending"}
    assert {r["state"] for r in treated} == {"kept", "deleted"}
    assert [r["id"] for r in both] == [r["id"] for r in pending + treated]
    assert len(both) == len(ours)
    # newest first
    assert pending[0]["reporters"][0]["date"] > pending[1]["reporters"][0]["date"]
    deleted = next(r for r in treated if r["state"] == "deleted")
    assert deleted["decision"]["action"] == "DELETE" and deleted["history"][0]["action"] == "KEEP"
    assert all(report_state(store.get(Report, r["id"])).value == r["state"] for r in both)


def test_reports_text(runner, demo_path):
    result = run(runner, demo_path, "reports")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == L.CLI_REPORTS_PENDING.format(count=2)
    assert L.CLI_REPORTS_TREATED.format(count=2) in lines
    assert any(L.RPT_STATE["DELETE"] in line and "par" in line for line in lines)
    assert sum("Signalé le" in line for line in lines) == 4


def test_reports_pending_and_treated_together_is_a_usage_error(runner, demo_path):
    result = run(runner, demo_path, "reports", "--pending", "--treated")
    assert result.exit_code == 2
    assert result.output.strip() == L.CLI_REPORTS_BOTH


def test_help_lists_the_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert "apps" in result.output and "reports" in result.output
    assert "--treated" in runner.invoke(main, ["reports", "--help"]).output
