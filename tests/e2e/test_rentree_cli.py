"""`entconsole check`, `yearchange`, `bookmarks`, `bookmarks-clean` on a copy of the demo."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from entconsole.cli import main
from entconsole.models import SchoolClass, ShareBookmark
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def run(demo_path):
    def invoke(*args, login=None, input=None):
        base = ["--db", str(demo_path), "--today", TODAY.isoformat()]
        if login:
            base += ["--as", login]
        return CliRunner().invoke(main, [*base, *args], input=input)

    return invoke


def test_check_lists_the_nine_steps_and_exits_1(run):
    result = run("check")
    assert result.exit_code == 1, result.output
    assert "2 / 9 étapes terminées" in result.output
    assert "1. Détacher les enseignants partis : 2 à traiter (Avant la bascule ONDE)" in result.output
    assert "Lefebvre Clément : Sans école de rattachement" in result.output


def test_check_json_same_counts(run):
    result = run("check", "--json")
    data = orjson.loads(result.output)
    assert [s["count"] for s in data["steps"]] == [2, 3, 6, 2, 3, 2, 8, 0, 0]
    assert data["done"] == 2 and data["total"] == 9
    assert run("checklist", "--json").output == result.output  # the alias


def test_check_exit_0_when_all_done(run, demo_path):
    """Every item of the Coquelicots marked "à conserver": all steps done, exit code 0."""
    from entconsole.services.rentree import Step, set_kept
    from entconsole.services.session import Session

    options = ("--structure", "0601567K")
    data = orjson.loads(run("check", "--json", *options, login="julien.carpentier").output)
    assert data["structure"] == "École maternelle Les Coquelicots" and data["done"] < 9
    session = Session.open(Store(demo_path, create=False), "julien.carpentier", TODAY)
    session.switch(next(s.id for s in session.structures if s.uai == "0601567K"))
    for step in data["steps"]:
        if step["items"]:
            set_kept(session, Step(step["step"]), [i["id"] for i in step["items"]])
    result = run("check", *options, login="julien.carpentier")
    assert result.exit_code == 0, result.output
    assert "9 / 9 étapes terminées" in result.output
    assert "[à conserver]" in result.output


def test_yearchange_dry_run_writes_nothing(run, demo_path):
    raw = demo_path.read_bytes()
    result = run("yearchange", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "11 classe(s)" in result.output and "Sera conservé" in result.output
    data = orjson.loads(run("yearchange", "--dry-run", "--json").output)
    assert data["figures"]["classes"] == 11 and data["dry_run"] is True
    assert demo_path.read_bytes() == raw


def test_yearchange_without_terminal_refuses(run, demo_path):
    raw = demo_path.read_bytes()
    result = run("yearchange")
    assert result.exit_code == 2
    assert "--yes" in result.output
    assert demo_path.read_bytes() == raw


def test_yearchange_yes(run, demo_path):
    result = run("year-change", "--yes", "--json")
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    assert data["figures"]["classes"] == 11 and "avant-bascule-annee" in data["message"]
    store = Store(demo_path, create=False)
    assert len(list(store.all(SchoolClass))) == 4  # only the other school's
    assert store.backups.list()


def test_bookmarks_and_clean(run, demo_path):
    result = run("bookmarks", "--stale")
    assert result.exit_code == 0
    assert "Sortie au musée" in result.output and "Équipe enseignante" not in result.output
    assert "Tardif Noël : pré-supprimé" in result.output
    assert run("bookmarks-clean").exit_code == 2  # no terminal, no --yes
    result = run("bookmarks-clean", "--yes")
    assert result.exit_code == 0, result.output
    assert "2 favori(s) nettoyé(s)" in result.output
    store = Store(demo_path, create=False)
    assert store.count(ShareBookmark) == 4
    assert "Tardif" not in run("bookmarks").output


def test_shares_lists_purged_and_kept(run):
    result = run("shares")
    assert result.exit_code == 0
    assert "purgé Élèves du groupe CM1 A. (groupe de classe) : Lire, Commenter" in result.output
    assert "gardé APE 2023-2024 (groupe manuel) : Lire, Contribuer, Commenter" in result.output
    data = orjson.loads(run("shares", "--json").output)
    assert sum(g["purged_by_year_change"] for s in data for g in s["grants"]) == 6


def test_yearchange_asks_on_a_terminal(run, demo_path, monkeypatch):
    from entconsole.commands import rentree as commands

    monkeypatch.setattr(commands, "stdin_is_terminal", lambda: True)
    raw = demo_path.read_bytes()
    result = run("yearchange", input="n\n")
    assert result.exit_code == 1
    assert "11 classes supprimées" in result.output and "rien n'a été modifié" in result.output
    assert demo_path.read_bytes() == raw
    run("yearchange", input="peut-être\n")  # an answer that is not yes changes nothing
    assert demo_path.read_bytes() == raw
    result = run("yearchange", input="y\n")
    assert result.exit_code == 0, result.output
    assert "Bascule d'année faite" in result.output


def test_yearchange_twice_has_nothing_left(run):
    assert run("yearchange", "--yes").exit_code == 0
    for args in (("yearchange", "--dry-run"), ("yearchange",)):
        result = run(*args)
        assert result.exit_code == 0 and "Rien à basculer" in result.output
