"""The `entconsole` command on temp stores: exit codes, messages, files afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

import orjson
import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole.cli import main
from entconsole.models import Profile, Source, Structure, User
from entconsole.store import Store, open_tinydb
from tests.conftest import TODAY


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def small_store(tmp_path):
    school = Structure(name="École des Tilleuls", uai="0601111A")
    director = User(
        first_name="Anne",
        last_name="Durand",
        display_name="Durand Anne",
        profile=Profile.TEACHER,
        login="anne.durand",
        source=Source.AAF,
        structures=(school.id,),
        functions={"ADMIN_LOCAL": (school.id,)},
        creation_date=datetime(2020, 1, 1),
    )
    pupil = director.model_copy(
        update={"id": "pupil", "login": "zoe.petit", "profile": Profile.STUDENT, "functions": {}}
    )
    path = tmp_path / "small.json"
    Store.create(path, [school, director, pupil], default_admin="anne.durand")
    return path


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_help_documents_every_option_and_subcommand(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for word in ("--db", "--as", "--today", "demo", "info"):
        assert word in result.output
    demo_help = runner.invoke(main, ["demo", "--help"]).output
    assert "--force" in demo_help


def test_console_without_terminal_says_so(runner, small_store):
    result = runner.invoke(main, ["--db", str(small_store)])
    assert result.exit_code == 1
    assert one_line(result.output) == L.CLI_NO_TERMINAL


def test_not_an_admin_exits_2(runner, small_store):
    result = runner.invoke(main, ["--db", str(small_store), "--as", "zoe.petit"])
    assert result.exit_code == 2
    assert "n'est pas un administrateur" in one_line(result.output)
    assert "anne.durand" in result.output


def test_unknown_login_exits_2(runner, small_store):
    result = runner.invoke(main, ["--db", str(small_store), "--as", "personne"])
    assert result.exit_code == 2
    assert "Aucun compte « personne »" in one_line(result.output)


def test_as_from_environment(runner, small_store):
    result = runner.invoke(main, ["--db", str(small_store)], env={"ENTCONSOLE_AS": "zoe.petit"})
    assert result.exit_code == 2


def test_bad_today_is_refused(runner, small_store):
    result = runner.invoke(main, ["--db", str(small_store), "--today", "2024-02-31"])
    assert result.exit_code == 2
    assert "AAAA-MM-JJ" in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{ceci n'est pas du JSON", "illisible"),
        (orjson.dumps({"meta": {"1": {"version": 42}}}), "format 42"),
    ],
    ids=["corrupt", "unknown-version"],
)
def test_bad_store_refused_untouched(runner, tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    for args in (["--db", str(path)], ["info", "--db", str(path)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1
        line = one_line(result.output)
        assert expected in line and str(path) in line
    assert path.read_bytes() == content


def test_directory_as_store(runner, tmp_path):
    result = runner.invoke(main, ["info", "--db", str(tmp_path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_store_in_unwritable_place(runner):
    result = runner.invoke(main, ["--db", "/proc/entconsole/demo.json"])
    assert result.exit_code == 1
    assert "Impossible de créer" in one_line(result.output)


def test_info(runner, small_store):
    result = runner.invoke(main, ["info", "--db", str(small_store)])
    assert result.exit_code == 0, result.output
    assert "révision 1" in result.output
    assert "École des Tilleuls (0601111A) : 2 comptes" in result.output


def test_demo_writes_and_refuses_to_overwrite(runner, tmp_path):
    path = tmp_path / "demo.json"
    result = runner.invoke(main, ["demo", "--db", str(path), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert str(path) in result.output
    first = path.read_bytes()
    assert open_tinydb(path).table("users").all()

    again = runner.invoke(main, ["demo", "--db", str(path)])
    assert again.exit_code == 1
    assert "--force" in one_line(again.output)
    assert path.read_bytes() == first

    forced = runner.invoke(main, ["demo", "--db", str(path), "--force", "--today", TODAY.isoformat()])
    assert forced.exit_code == 0


def test_first_run_creates_the_demo_and_says_where(runner, tmp_path):
    path = tmp_path / "sub" / "demo.json"
    result = runner.invoke(main, ["--db", str(path), "--today", TODAY.isoformat()])
    assert path.exists()
    assert L.CLI_DEMO_CREATED.format(path=path) in result.output
    # Then the console itself needs a terminal, which the test runner has not.
    assert L.CLI_NO_TERMINAL in result.output
    assert Store(path).meta.default_admin


def test_real_process_without_terminal(small_store):
    env = {**os.environ, "ENTCONSOLE_DB": str(small_store), "CI": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "entconsole"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1
    assert one_line(proc.stderr) == L.CLI_NO_TERMINAL
