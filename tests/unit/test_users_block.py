"""Blocking and unblocking accounts: scope, one write, journal."""

from __future__ import annotations

import pytest

from entconsole.models import JournalEntry, Profile, User
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def pupils(session, n):
    found = query_users(session.store, session.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT}), blocked=False))
    return found[:n]


def test_block_many_in_one_write(session):
    targets = pupils(session, 3)
    writes = session.store.write_count
    result = set_blocked(session, [u.id for u in targets], True)
    assert (result.changed, result.skipped) == (3, 0)
    assert session.store.write_count == writes + 1
    assert all(session.store.get(User, u.id).blocked for u in targets)
    entry = max(session.store.all(JournalEntry), key=lambda e: e.revision)
    assert entry.action == "user.block" and entry.count == 3 and set(entry.targets) == {u.id for u in targets}
    # the file says so too
    assert all(Store(session.store.path).get(User, u.id).blocked for u in targets)


def test_unblock_skips_accounts_already_unblocked(session):
    [a, b] = pupils(session, 2)
    set_blocked(session, [a.id], True)
    result = set_blocked(session, [a.id, b.id], False)
    assert (result.changed, result.skipped) == (1, 1)
    assert a.display_name in result.message


def test_nothing_to_change_writes_nothing(session):
    [a] = pupils(session, 1)
    writes = session.store.write_count
    assert set_blocked(session, [a.id], False).changed == 0
    assert session.store.write_count == writes


def test_cannot_block_self(session):
    with pytest.raises(PermissionDenied):
        set_blocked(session, [session.admin_id], True)


def test_accounts_of_another_school_are_refused(session):
    other = next(
        u for u in session.store.all(User) if session.structure_id not in u.structures and u.structures
    )
    writes = session.store.write_count
    with pytest.raises(NotFound):
        set_blocked(session, [other.id], True)
    assert session.store.write_count == writes
