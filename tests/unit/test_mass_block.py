"""Blocage en lot: counts, local admins skipped, one write, a trace per action, history."""

from __future__ import annotations

from datetime import datetime

import pytest

from entconsole.models import BLOCKING_ORDER, BlockAction, BlockTrace, JournalEntry, Profile, Structure, User
from entconsole.services.errors import PermissionDenied
from entconsole.services.mass_block import (
    HistorySort,
    block_history,
    mass_block,
    profile_row,
    profile_rows,
)
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.conftest import TODAY

BLOCK, UNBLOCK = BlockAction.BLOCK, BlockAction.UNBLOCK


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def accounts(session, profile: Profile) -> list[User]:
    return [u for u in structure_users(session.store, session.structure_id) if u.profile is profile]


def latest_entry(store: Store) -> JournalEntry:
    return max(store.all(JournalEntry), key=lambda e: e.revision)


def test_rows_in_the_blocking_order_with_counts(session):
    rows = profile_rows(session)
    assert [r.profile for r in rows] == list(BLOCKING_ORDER)
    for row in rows:
        users = accounts(session, row.profile)
        assert row.total == len(users)
        assert row.blocked == sum(u.blocked for u in users)
        assert row.to_block == sum(1 for u in users if not u.blocked and not u.is_admin)
        assert row.to_unblock == sum(1 for u in users if u.blocked and not u.is_admin)
    teachers = profile_row(session, Profile.TEACHER)
    assert teachers.admins == 1 and teachers.skipped(BLOCK) == 1  # the director
    assert teachers.everywhere and not profile_row(session, Profile.RELATIVE).everywhere


def test_block_a_profile_in_one_write_with_a_trace(session):
    store = session.store
    parents = accounts(session, Profile.RELATIVE)
    expected = sum(1 for u in parents if not u.blocked)
    traces_before = store.count(BlockTrace)
    writes = store.write_count
    result = mass_block(session, Profile.RELATIVE, BLOCK)
    assert store.write_count == writes + 1
    assert (result.changed, result.skipped) == (expected, 0)
    assert all(store.get(User, u.id).blocked for u in parents)
    # other profiles untouched
    assert not any(u.blocked for u in accounts(session, Profile.PERSONNEL))
    # one trace: action, profile, when, who, how many
    assert store.count(BlockTrace) == traces_before + 1
    trace = max(store.all(BlockTrace), key=lambda t: t.date)
    assert (trace.action, trace.profile, trace.count) == (BLOCK, Profile.RELATIVE, expected)
    assert trace.author_name == session.admin.display_name and trace.author_login == session.admin.login
    assert trace.date == datetime.combine(TODAY, datetime.min.time()).replace(hour=9)
    assert trace.structure_id == session.structure_id
    entry = latest_entry(store)
    assert entry.action == "structure.mass_block" and entry.count == expected and len(entry.targets) == expected
    # a named backup of the state before the bulk action
    [backup] = store.backups.list()
    assert "blocage-en-lot" in backup.name
    assert not any(Store(backup, create=False).get(User, u.id).blocked for u in parents if not u.blocked)
    # the file holds it all
    reread = Store(store.path)
    assert all(reread.get(User, u.id).blocked for u in parents)
    assert reread.count(BlockTrace) == traces_before + 1


def test_local_admins_are_skipped_and_the_message_says_so(session):
    store = session.store
    teachers = accounts(session, Profile.TEACHER)
    result = mass_block(session, Profile.TEACHER, BLOCK)
    assert result.skipped == 1 and result.changed == len(teachers) - 1
    assert "administrateur local" in result.message
    assert not store.get(User, session.admin_id).blocked
    assert all(store.get(User, u.id).blocked for u in teachers if u.id != session.admin_id)
    # the advisor (Personnel, admin of both schools) is skipped too
    personnel = mass_block(session, Profile.PERSONNEL, BLOCK)
    assert personnel.skipped == 1
    advisor = next(u for u in store.all(User) if u.login == "julien.carpentier")
    assert not store.get(User, advisor.id).blocked


def test_unblock_restores_and_traces(session):
    store = session.store
    mass_block(session, Profile.STUDENT, BLOCK)
    pupils = accounts(session, Profile.STUDENT)
    result = mass_block(session, Profile.STUDENT, UNBLOCK)
    assert result.changed == len(pupils)
    assert not any(store.get(User, u.id).blocked for u in pupils)
    trace = max(store.all(BlockTrace), key=lambda t: (t.date, t.action == UNBLOCK))
    assert (trace.action, trace.count) == (UNBLOCK, len(pupils))
    assert latest_entry(store).action == "structure.mass_unblock"


def test_nothing_to_change_writes_nothing(session):
    store = session.store
    mass_block(session, Profile.GUEST, UNBLOCK)
    writes, traces, backups = store.write_count, store.count(BlockTrace), len(store.backups.list())
    result = mass_block(session, Profile.GUEST, UNBLOCK)
    assert result.changed == 0
    assert (store.write_count, store.count(BlockTrace), len(store.backups.list())) == (writes, traces, backups)


def test_accounts_of_other_schools_are_untouched(session):
    store = session.store
    coq = next(s for s in store.all(Structure) if s.uai == "0601567K")
    only_there = [u for u in structure_users(store, coq.id)
                  if u.profile is Profile.RELATIVE and session.structure_id not in u.structures]
    assert only_there
    mass_block(session, Profile.RELATIVE, BLOCK)
    assert not any(store.get(User, u.id).blocked for u in only_there if not u.blocked)


def test_scope_is_checked_by_the_service(session):
    store = session.store
    coq = next(s for s in store.all(Structure) if s.uai == "0601567K")
    session.structure_id = coq.id  # the director does not administer it
    writes = store.write_count
    with pytest.raises(PermissionDenied):
        mass_block(session, Profile.RELATIVE, BLOCK)
    assert store.write_count == writes


# --------------------------------------------------------------------------- history


def test_history_newest_first_sortable_and_paged(session):
    for profile in (Profile.GUEST, Profile.STUDENT, Profile.RELATIVE):
        mass_block(session, profile, BLOCK)
        mass_block(session, profile, UNBLOCK)
    total = session.store.count(BlockTrace)
    assert total == 8 + 6
    page = block_history(session)
    assert (page.total, page.pages, page.page, len(page.rows)) == (14, 2, 1, 10)
    dates = [t.date for t in page.rows]
    assert dates == sorted(dates, reverse=True)
    second = block_history(session, page=2)
    assert (len(second.rows), second.first, second.last) == (4, 11, 14)
    assert block_history(session, page=9).page == 2  # clamped
    assert len(block_history(session, size=20).rows) == 14
    by_profile = block_history(session, sort=HistorySort.PROFILE, descending=False, size=50).rows
    labels = [t.profile for t in by_profile]
    # by French label: Élève, Invité, Parent
    assert labels == sorted(labels, key=lambda p: ["Student", "Guest", "Relative"].index(p.value))
    by_action = block_history(session, sort=HistorySort.ACTION, descending=False, size=50).rows
    assert [t.action for t in by_action] == sorted((t.action for t in by_action), key=lambda a: a is UNBLOCK)
    oldest_first = block_history(session, descending=False, size=50).rows
    assert [t.date for t in oldest_first] == sorted(t.date for t in oldest_first)
