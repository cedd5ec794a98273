"""`entconsole block|unblock PROFILE` and `entconsole flash list` on a copy of the demo."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole.cli import main
from entconsole.models import BlockAction, BlockTrace, Profile
from entconsole.services.flash import FlashStatus, list_messages
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def run(demo_path):
    def invoke(*args, login=None):
        base = ["--db", str(demo_path), "--today", TODAY.isoformat()]
        if login:
            base += ["--as", login]
        return CliRunner().invoke(main, [*base, *args])

    return invoke


def users_of(path, profile):
    store = Store(path, create=False)
    session = Session.open(store, None, TODAY)
    return store, [u for u in structure_users(store, session.structure_id) if u.profile is profile]


@pytest.mark.parametrize("word", ["élèves", "ELEVE", "Élève", "student", "Eleves"])
def test_block_accepts_french_or_code_any_case(run, demo_path, word):
    result = run("block", word)
    assert result.exit_code == 0, result.output
    store, pupils = users_of(demo_path, Profile.STUDENT)
    assert pupils and all(u.blocked for u in pupils)
    assert "Élève" in result.output and "bloqués" in result.output
    trace = max(store.all(BlockTrace), key=lambda t: t.date)
    assert (trace.action, trace.profile) == (BlockAction.BLOCK, Profile.STUDENT)


def test_unblock_and_admins_skipped(run, demo_path):
    blocked = run("block", "enseignant")
    assert blocked.exit_code == 0 and "1 compte d'administrateur local" in blocked.output
    store, teachers = users_of(demo_path, Profile.TEACHER)
    director = next(u for u in teachers if u.login == "nathalie.vasseur")
    assert not director.blocked and sum(u.blocked for u in teachers) == len(teachers) - 1
    result = run("unblock", "Teacher")
    assert result.exit_code == 0, result.output
    assert "15 comptes du profil Enseignant débloqués" in result.output
    assert "administrateur" not in result.output  # no admin was blocked: none skipped
    _, teachers = users_of(demo_path, Profile.TEACHER)
    assert not any(u.blocked for u in teachers)
    # the same trace as the console: one per action
    store = Store(demo_path, create=False)
    latest = sorted(store.all(BlockTrace), key=lambda t: t.date)[-2:]
    assert [(t.action, t.profile) for t in latest] == [
        (BlockAction.BLOCK, Profile.TEACHER), (BlockAction.UNBLOCK, Profile.TEACHER)
    ]


def test_unknown_profile_is_a_usage_error(run, demo_path):
    before = demo_path.read_bytes()
    result = run("block", "directeurs")
    assert result.exit_code == 2
    assert "directeurs" in result.output and "Enseignant" in result.output
    assert demo_path.read_bytes() == before


def test_block_scope_for_an_admin_of_several_schools(run, demo_path):
    result = run("block", "invité", "--structure", "0601567K", login="julien.carpentier")
    assert result.exit_code == 0, result.output
    # the director does not administer the Coquelicots
    result = run("block", "invité", "--structure", "0601567K")
    assert result.exit_code == 2
    assert L.CLI_UNKNOWN_STRUCTURE.format(structure="0601567K") in result.output


def test_flash_list_json_and_status(run, demo_path):
    session = Session.open(Store(demo_path, create=False), None, TODAY)
    result = run("flash", "list", "--json")
    assert result.exit_code == 0, result.output
    listed = orjson.loads(result.output)
    assert [m["id"] for m in listed] == [m.id for m in list_messages(session)]
    for status in FlashStatus:
        result = run("flash", "list", "--status", status.value, "--json")
        assert result.exit_code == 0, result.output
        assert [m["id"] for m in orjson.loads(result.output)] == [m.id for m in list_messages(session, status)]
        assert all(m["status"] == status.value for m in orjson.loads(result.output))
    current = orjson.loads(run("flash", "list", "--status", "current", "--json").output)
    assert {m["title"] for m in current} == {"Bascule ONDE", "Rentrée : horaires"}
    assert run("flash", "list", "--status", "demain").exit_code == 2


def test_flash_list_text(run):
    result = run("flash", "list", "--status", "upcoming")
    assert result.exit_code == 0
    assert "À venir" in result.output and "Réunions de rentrée" in result.output
    assert "12/09/2024 → 19/09/2024" in result.output
    assert "Fête de l'école" not in result.output
