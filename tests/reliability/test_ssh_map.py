"""System accounts mapped to ENT logins: --as limited to the caller's own login."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole import ssh_map
from entconsole.cli import main
from entconsole.ssh_map import ENV_VAR, SshMapError, map_path, resolve_login
from tests.reliability.small_store import ADVISOR, DIRECTOR, write_small_store

MAPPING = f"""
# system account = ENT login(s)
[accounts]
nvasseur = "{DIRECTOR}"
formateur = ["{ADVISOR}", "{DIRECTOR}"]
"""


@pytest.fixture(autouse=True)
def no_config_dirs(tmp_path, monkeypatch):
    """Site and user configuration directories of this test only."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(ssh_map.platformdirs, "site_config_path", lambda *a, **k: tmp_path / "site")
    monkeypatch.setattr(ssh_map.platformdirs, "user_config_path", lambda *a, **k: tmp_path / "user")


@pytest.fixture
def mapping(tmp_path, monkeypatch):
    path = tmp_path / "ssh-accounts.toml"
    path.write_text(MAPPING, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    return path


def caller(monkeypatch, name):
    monkeypatch.setattr(ssh_map.getpass, "getuser", lambda: name)


def test_without_a_file_nothing_changes():
    assert map_path() is None
    assert resolve_login(ADVISOR, "anyone") == ADVISOR
    assert resolve_login(None, "anyone") is None


def test_site_file_is_found_before_the_users(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "user").mkdir()
    (tmp_path / "user" / ssh_map.FILE_NAME).write_text("[accounts]\n", encoding="utf-8")
    assert map_path() == tmp_path / "user" / ssh_map.FILE_NAME
    (tmp_path / "site" / ssh_map.FILE_NAME).write_text(MAPPING, encoding="utf-8")
    assert map_path() == tmp_path / "site" / ssh_map.FILE_NAME


def test_mapped_caller(mapping):
    assert resolve_login(None, "nvasseur") == DIRECTOR  # acts as their own login by default
    assert resolve_login(DIRECTOR.upper(), "nvasseur") == DIRECTOR
    with pytest.raises(SshMapError) as refused:
        resolve_login(ADVISOR, "nvasseur")
    assert refused.value.message == L.SSHMAP_FORBIDDEN.format(
        user="nvasseur", login=ADVISOR, allowed=DIRECTOR, path=mapping
    )
    assert resolve_login(DIRECTOR, "formateur") == DIRECTOR  # several logins allowed
    assert resolve_login(None, "formateur") == ADVISOR


def test_unmapped_caller_gets_nothing(mapping):
    with pytest.raises(SshMapError, match="intrus"):
        resolve_login(None, "intrus")


@pytest.mark.parametrize(
    "content", ["[accounts\n", "accounts = 3\n", "[accounts]\nx = 3\n", "[accounts]\nx = []\n"]
)
def test_broken_file_refuses_everyone(tmp_path, monkeypatch, content):
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    with pytest.raises(SshMapError, match="illisible"):
        resolve_login(DIRECTOR, "nvasseur")


def test_missing_file_named_by_the_variable_refuses(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "absent.toml"))
    with pytest.raises(SshMapError, match="illisible"):
        resolve_login(DIRECTOR, "nvasseur")


def test_cli(tmp_path, mapping, monkeypatch):
    db = write_small_store(tmp_path / "s.json")
    caller(monkeypatch, "nvasseur")
    runner = CliRunner()
    ok = runner.invoke(main, ["--db", str(db), "--as", DIRECTOR, "journal"])
    assert ok.exit_code == 0, ok.output
    refused = runner.invoke(main, ["--db", str(db), "--as", ADVISOR, "journal"])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == L.SSHMAP_FORBIDDEN.format(
        user="nvasseur", login=ADVISOR, allowed=DIRECTOR, path=mapping
    )
    from_env = runner.invoke(main, ["--db", str(db), "journal"], env={"ENTCONSOLE_AS": ADVISOR})
    assert from_env.exit_code == 2  # the variable is --as too
    caller(monkeypatch, "intrus")
    assert runner.invoke(main, ["--db", str(db), "journal"]).exit_code == 2
