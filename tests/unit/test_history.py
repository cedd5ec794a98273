"""Journal visibility, backups before bulk actions, restore."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner

from entconsole.cli import main
from entconsole.models import JournalEntry, Profile, Source, Structure, User
from entconsole.services.accounts import delete_users
from entconsole.services.errors import PermissionDenied
from entconsole.services.history import journal_entries, list_backups, restore_backup
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Backups, Store
from tests.conftest import TODAY

ADVISOR = "julien.carpentier"


@pytest.fixture
def store(demo_path, clock):
    return Store(demo_path, clock=clock)


def manual_accounts(session, n):
    found = query_users(session.store, session.structure_id, UserQuery(sources=frozenset({Source.MANUAL})))
    return [u for u in found if u.id != session.admin_id][:n]


def test_bulk_delete_writes_a_named_backup_first(store):
    session = Session.open(store, None, TODAY)
    before = store.path.read_bytes()
    targets = manual_accounts(session, 2)
    delete_users(session, [u.id for u in targets])
    [backup] = list_backups(session)
    assert "suppression-en-lot" in backup.name
    assert backup.path.read_bytes() == before  # the state before the action
    assert backup.revision == 1


def test_single_action_makes_no_backup(store):
    session = Session.open(store, None, TODAY)
    delete_users(session, [manual_accounts(session, 1)[0].id])
    assert list_backups(session) == []


def test_restore_rewinds_data_keeps_journal(store):
    session = Session.open(store, None, TODAY)
    targets = manual_accounts(session, 2)
    delete_users(session, [u.id for u in targets])
    [backup] = list_backups(session)
    revision = store.revision
    advisor = Session.open(store, ADVISOR, TODAY, structure_id=session.structure_id)
    result = restore_backup(advisor, backup.name)
    assert store.revision == revision + 1
    for user in targets:
        assert store.get(User, user.id) == user
    actions = [e.action for e in sorted(store.all(JournalEntry), key=lambda e: e.revision)]
    assert actions == ["user.delete", "store.restore"]
    assert result.message.startswith("Base restaurée")
    # its own backup first: the state just before the restore is kept too
    assert any("avant-restauration" in b.name for b in list_backups(session))
    # and another session sees the restored state
    assert Store(store.path).get(User, targets[0].id) == targets[0]


def test_restore_refused_to_an_admin_of_one_school(store):
    session = Session.open(store, None, TODAY)
    delete_users(session, [u.id for u in manual_accounts(session, 2)])
    [backup] = list_backups(session)
    with pytest.raises(PermissionDenied):
        restore_backup(session, backup.name)


def test_backups_are_pruned(tmp_path, clock):
    path = tmp_path / "s.json"
    Store(path, clock=clock)
    backups = Backups(path, keep=3)
    for n in range(5):
        backups.save(f"essai {n}", datetime(2024, 9, 5, 9, 0, n))
    names = [p.name for p in backups.list()]
    assert len(names) == 3 and "essai-4" in names[0]


def test_journal_scope(store):
    director = Session.open(store, None, TODAY)
    coquelicots = next(s for s in store.all(Structure) if s.uai == "0601567K")
    advisor = Session.open(store, ADVISOR, TODAY, structure_id=coquelicots.id)
    pupil = query_users(store, coquelicots.id, UserQuery(profiles=frozenset({Profile.STUDENT})))[0]
    set_blocked(advisor, [pupil.id], True)
    own = query_users(store, director.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT})))[0]
    set_blocked(director, [own.id], True)
    assert [e.structure_id for e in journal_entries(director)] == [director.structure_id]
    assert len(journal_entries(advisor)) == 2
    assert [e.actor for e in journal_entries(advisor, actor=ADVISOR)] == [ADVISOR]
    assert journal_entries(advisor, since=TODAY.replace(year=TODAY.year + 1)) == []


def test_cli_journal_backups_restore(store):
    session = Session.open(store, None, TODAY)
    delete_users(session, [u.id for u in manual_accounts(session, 2)])
    base = ["--db", str(store.path), "--today", TODAY.isoformat()]
    runner = CliRunner()
    journal = runner.invoke(main, [*base, "journal"])
    assert journal.exit_code == 0 and "supprimé" in journal.output
    line = next(line for line in journal.output.splitlines() if "supprimé" in line)
    assert line.split()[3] == "2"  # who, when, how many, what
    assert journal.output.splitlines()[-1] == "1 action(s)"
    listing = runner.invoke(main, [*base, "backups"])
    assert listing.exit_code == 0 and "suppression-en-lot" in listing.output
    name = listing.output.split()[0]
    no_terminal = runner.invoke(main, [*base, "--as", ADVISOR, "restore", name])
    assert no_terminal.exit_code == 2 and "--yes" in no_terminal.output
    refused = runner.invoke(main, [*base, "restore", name, "--yes"])
    assert refused.exit_code == 2 and "réservée" in refused.output
    done = runner.invoke(main, [*base, "--as", ADVISOR, "restore", name, "--yes"])
    assert done.exit_code == 0, done.output
    assert "Base restaurée" in done.output
    unknown = runner.invoke(main, [*base, "--as", ADVISOR, "restore", "nulle", "--yes"])
    assert unknown.exit_code == 2
