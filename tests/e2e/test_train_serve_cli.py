"""`entconsole train / scenarios / scenario check / serve` from the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import orjson
import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole.cli import main
from entconsole.commands import serve as serve_module
from entconsole.models import Report, ReportAction
from entconsole.services import reports
from entconsole.services.session import Session
from entconsole.store import Store
from entconsole.training.progress import school_id
from entconsole.training.scenarios import find_scenario


@pytest.fixture
def runner():
    return CliRunner()


def test_scenarios_lists_the_shipped_ones(runner):
    result = runner.invoke(main, ["scenarios"])
    assert result.exit_code == 0
    assert "rentree-2024 — Rentrée 2024 (8 étapes, le 05/09/2024, en tant que nathalie.vasseur)" in result.output
    for title in ("Crise : un signalement", "Été : message flash et blocage",
                  "Comptes manuels : famille d'accueil et intervenant extérieur"):
        assert title in result.output


def test_scenario_check_good_and_bad(runner, tmp_path):
    good = find_scenario("crise-signalement").source
    path = tmp_path / "crise.toml"
    path.write_text(good, encoding="utf-8")
    result = runner.invoke(main, ["scenario", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert L.TRAIN_CLI_CHECK_OK.format(path=path, title="Crise : un signalement", steps=3) in result.output
    # a name that the demo does not hold: refused with the step and the check
    path.write_text(good.replace('user = "Jourdan Cédric"', 'user = "Jourdan Cedrik"'), encoding="utf-8")
    result = runner.invoke(main, ["scenario", "check", str(path)])
    assert result.exit_code == 1
    assert "étape 2, contrôle 1 : l'utilisateur « Jourdan Cedrik » n'existe pas" in result.output
    # a step already true on the starting store: nothing to do, refused
    path.write_text(good.replace('blocked = true', 'blocked = false', 1), encoding="utf-8")
    result = runner.invoke(main, ["scenario", "check", str(path)])
    assert result.exit_code == 1
    assert "étape(s) 2 déjà faite(s) dans la base de départ" in result.output
    # a bad kind
    path.write_text(good.replace('kind = "user_blocked"', 'kind = "blocked"'), encoding="utf-8")
    result = runner.invoke(main, ["scenario", "check", str(path)])
    assert result.exit_code == 1
    assert "étape 2, contrôle 1 : type « blocked » inconnu" in result.output


def test_train_without_a_terminal_prepares_the_sandbox_then_refuses(runner, tmp_path):
    result = runner.invoke(main, ["train", "crise-signalement", "--trainee", "Alice", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert L.CLI_NO_TERMINAL in result.output
    assert (tmp_path / "crise-signalement" / "alice" / "store.json").exists()
    # re-running resumes the same sandbox
    result = runner.invoke(main, ["train", "crise-signalement", "--trainee", "Alice", "--dir", str(tmp_path)])
    assert "Reprise du bac à sable de Alice" in result.output


def test_train_needs_a_scenario_and_knows_them(runner, tmp_path):
    result = runner.invoke(main, ["train", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and L.TRAIN_CLI_NEED_SCENARIO in result.output
    result = runner.invoke(main, ["train", "inconnu", "--dir", str(tmp_path)])
    assert result.exit_code == 2 and "rentree-2024" in result.output


def test_report_for_the_trainer(runner, tmp_path):
    for trainee in ("Alice", "Bruno"):
        runner.invoke(main, ["train", "crise-signalement", "--trainee", trainee, "--dir", str(tmp_path)])
    scenario = find_scenario("crise-signalement")
    store = Store(tmp_path / "crise-signalement" / "alice" / "store.json", create=False)
    session = Session.open(store, scenario.start.admin, scenario.start.today)
    session.switch(school_id(store, scenario))
    comment = next(r for r in store.all(Report) if "Certains parents" in r.text)
    reports.treat_report(session, comment.id, ReportAction.DELETE)

    result = runner.invoke(main, ["train", "--report", str(tmp_path)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.startswith("Alice") and "1/3  1✓ 2· 3·  (1 action(s), la dernière à " in line for line in lines)
    assert any(line.startswith("Bruno") and line.endswith("0/3  1· 2· 3·") for line in lines)
    result = runner.invoke(main, ["train", "--report", str(tmp_path), "--json"])
    data = {row["trainee"]: row for row in orjson.loads(result.output)}
    assert data["Alice"]["done"] == 1 and [s["done"] for s in data["Alice"]["steps"]] == [True, False, False]
    assert data["Alice"]["actions"] == 1 and data["Alice"]["last_action"] is not None
    assert data["Bruno"]["done"] == 0 and data["Bruno"]["total"] == 3
    assert (data["Bruno"]["actions"], data["Bruno"]["last_action"]) == (0, None)


def test_report_on_an_empty_folder(runner, tmp_path):
    result = runner.invoke(main, ["train", "--report", str(tmp_path)])
    assert result.exit_code == 0 and L.TRAIN_CLI_NO_SANDBOX.format(path=tmp_path) in result.output


# ---- serve


class FakeServer:
    calls: list = []

    def __init__(self, command, host, port, title, public_url):
        FakeServer.calls.append((command, host, port))

    def serve(self):
        pass


def test_serve_warns_when_not_on_localhost(runner, monkeypatch):
    import textual_serve.server

    FakeServer.calls = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    result = runner.invoke(main, ["--today", "2024-09-05", "serve", "--host", "0.0.0.0", "--port", "8123",
                                  "--", "train", "rentree-2024", "--trainee", "alice"])
    assert result.exit_code == 0, result.output
    assert "sans aucune authentification" in result.output
    assert "ssh -N -L 8123:127.0.0.1:8123" in result.output
    command, host, port = FakeServer.calls[-1]
    assert (host, port) == ("0.0.0.0", 8123)
    assert command.endswith("-m entconsole --today 2024-09-05 train rentree-2024 --trainee alice")
    # localhost: no warning
    result = runner.invoke(main, ["serve", "--port", "8123"])
    assert "authentification" not in result.output
    assert FakeServer.calls[-1][1] == "127.0.0.1"


def test_is_local():
    assert serve_module.is_local("127.0.0.1") and serve_module.is_local("::1")
    assert serve_module.is_local("localhost") and serve_module.is_local("127.0.0.2")
    assert not serve_module.is_local("0.0.0.0") and not serve_module.is_local("192.168.1.10")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_localhost_then_stops(tmp_path):
    port = free_port()
    env = {**os.environ, "ENTCONSOLE_DB": str(tmp_path / "demo.json")}
    process = subprocess.Popen(
        [sys.executable, "-m", "entconsole", "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
    )
    try:
        page = None
        for _ in range(150):  # the server needs a moment to start; no timing asserted
            if process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page = (response.status, response.read().decode())
                break
            except OSError:
                time.sleep(0.2)
        assert page is not None, process.stdout.read().decode() if process.poll() is not None else "no answer"
        status, body = page
        assert status == 200
        assert "textual" in body and f"ws://127.0.0.1:{port}/ws" in body
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert process.returncode is not None


def test_training_dir_from_the_environment(runner, tmp_path):
    result = runner.invoke(main, ["train", "ete-flash-blocage", "--trainee", "Chloé"],
                           env={"ENTCONSOLE_TRAINING_DIR": str(tmp_path)})
    assert (tmp_path / "ete-flash-blocage" / "chloe" / "store.json").exists(), result.output
