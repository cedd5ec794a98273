"""The store failing under a session: disk full, read-only directory, file deleted
or replaced, lock held by a dead (or live) process.

Each time: a clear French message, memory left as the file is, the file
untouched, and from the CLI one line and an exit code, never a traceback.
(The console's side is in test_journal_screen.py.)
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import time

import pytest
from click.testing import CliRunner

from entconsole import labels as L
from entconsole import store as store_mod
from entconsole.cli import main
from entconsole.clock import make_clock
from entconsole.models import Profile, Source, User
from entconsole.services.accounts import delete_users
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Store, StoreBusy, StoreCorrupt, StoreError, StoreWriteError
from tests.reliability.small_store import TODAY, write_small_store


@pytest.fixture
def path(tmp_path):
    return write_small_store(tmp_path / "s.json")


@pytest.fixture
def session(path):
    return Session.open(Store(path, clock=make_clock(TODAY, frozen=True)), None, TODAY)


def a_pupil(session) -> User:
    found = query_users(session.store, session.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT})))
    return next(u for u in found if not u.blocked and u.delete_date is None)


def temp_files(path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def cli(path, *args):
    return CliRunner().invoke(main, ["--db", str(path), "--today", "2024-09-05", *args])


def one_line_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


# --------------------------------------------------------------------------- disk full


def test_disk_full_refuses_the_action_and_keeps_everything(session, path, monkeypatch):
    pupil = a_pupil(session)
    before = path.read_bytes()
    revision = session.store.revision
    monkeypatch.setattr(store_mod.os, "fsync", disk_full)
    with pytest.raises(StoreWriteError) as refused:
        set_blocked(session, [pupil.id], True)
    monkeypatch.undo()
    assert L.DETAIL_NO_SPACE in refused.value.message and "rien n'a été modifié" in refused.value.message
    assert path.read_bytes() == before and temp_files(path) == []
    assert session.store.get(User, pupil.id) == pupil and session.store.revision == revision
    set_blocked(session, [pupil.id], True)  # room again: the same action goes through
    assert Store(path).get(User, pupil.id).blocked


def test_disk_full_during_the_backup_of_a_bulk_action(session, path, monkeypatch):
    manual = [u for u in query_users(session.store, session.structure_id, UserQuery())
              if u.source is Source.MANUAL and u.id != session.admin_id][:2]
    before = path.read_bytes()
    monkeypatch.setattr(store_mod.os, "fsync", disk_full)
    with pytest.raises(StoreWriteError) as refused:
        delete_users(session, [u.id for u in manual])
    monkeypatch.undo()
    assert refused.value.message.startswith(L.STORE_BACKUP_FAILED.split("{")[0])
    assert L.DETAIL_NO_SPACE in refused.value.message
    assert path.read_bytes() == before
    assert all(session.store.get(User, u.id) == u for u in manual)


def test_cli_disk_full_is_one_line_exit_1(session, path, monkeypatch):
    set_blocked(session, [a_pupil(session).id], True)
    before = path.read_bytes()
    monkeypatch.setattr(store_mod.os, "fsync", disk_full)
    # `block` catches store errors itself; `undo` relies on the group's net.
    one_line_error(cli(path, "block", "Élève"), 1, L.DETAIL_NO_SPACE)
    one_line_error(cli(path, "undo", "--yes"), 1, L.DETAIL_NO_SPACE)
    monkeypatch.undo()
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- read-only directory


@pytest.fixture
def read_only_dir(path):
    """The store's directory made immutable for real (chattr +i stops root too)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr not available")
    done = subprocess.run(["chattr", "+i", str(path.parent)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot make a directory immutable here")
    yield path.parent
    subprocess.run(["chattr", "-i", str(path.parent)], check=True)


def test_read_only_directory(session, path, read_only_dir):
    pupil = a_pupil(session)
    before = path.read_bytes()
    with pytest.raises(StoreWriteError) as refused:
        set_blocked(session, [pupil.id], True)
    assert L.DETAIL_PERMISSION in refused.value.message
    assert session.store.get(User, pupil.id) == pupil
    assert path.read_bytes() == before
    result = cli(path, "block", "Élève")
    one_line_error(result, 1, L.DETAIL_PERMISSION)
    # Reading still works: listing is not refused.
    assert cli(path, "journal").exit_code == 0


# --------------------------------------------------------------------------- file deleted / replaced


def test_file_deleted_under_the_session(session, path):
    pupil = a_pupil(session)
    path.unlink()
    with pytest.raises(StoreError) as refused:
        set_blocked(session, [pupil.id], True)
    assert refused.value.message == L.STORE_VANISHED.format(path=path)
    assert not path.exists()  # never recreated empty in its place
    assert session.store.get(User, pupil.id) == pupil  # what the session had is still shown


def test_file_replaced_by_another_state_is_what_the_session_acts_on(session, path):
    pupil = a_pupil(session)
    other = path.with_name("other.json")
    shutil.copy(path, other)
    theirs = Session.open(Store(other, clock=session.store.clock), None, TODAY)
    set_blocked(theirs, [pupil.id], True)
    os.replace(other, path)  # e.g. a copy put back by hand
    [second] = [u for u in query_users(session.store, session.structure_id, UserQuery(
        profiles=frozenset({Profile.STUDENT}))) if u.id != pupil.id and not u.blocked][:1]
    set_blocked(session, [second.id], True)
    on_disk = Store(path)
    assert on_disk.get(User, pupil.id).blocked and on_disk.get(User, second.id).blocked
    assert session.store.get(User, pupil.id).blocked  # memory follows the file


def test_file_replaced_by_garbage_is_refused_and_left_alone(session, path):
    pupil = a_pupil(session)
    path.write_bytes(b'{"meta": {"1": {"version": 1, "revi')
    garbage = path.read_bytes()
    with pytest.raises(StoreCorrupt):
        set_blocked(session, [pupil.id], True)
    assert path.read_bytes() == garbage  # not overwritten with the session's copy
    assert session.store.get(User, pupil.id) == pupil
    one_line_error(cli(path, "journal"), 1, str(path))


# --------------------------------------------------------------------------- lock


def _hold_lock_then_wait(path: str, ready) -> None:
    store = Store(path)
    with store.transaction("crashing", "test.hold"):
        ready.set()
        time.sleep(600)  # killed long before


def test_lock_held_by_a_dead_process_is_not_a_problem(session, path):
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    child = ctx.Process(target=_hold_lock_then_wait, args=(str(path), ready))
    child.start()
    assert ready.wait(30)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    session.store._lock.timeout = 2.0  # were the lock still held, this would raise StoreBusy
    pupil = a_pupil(session)
    set_blocked(session, [pupil.id], True)
    assert Store(path).get(User, pupil.id).blocked


def test_lock_held_by_a_live_process_times_out_clearly(session, path, monkeypatch):
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    child = ctx.Process(target=_hold_lock_then_wait, args=(str(path), ready))
    child.start()
    try:
        assert ready.wait(30)
        session.store._lock.timeout = 0.2
        pupil = a_pupil(session)
        with pytest.raises(StoreBusy) as refused:
            set_blocked(session, [pupil.id], True)
        assert "occupé" in refused.value.message
        assert session.store.get(User, pupil.id) == pupil
        monkeypatch.setattr(store_mod, "LOCK_TIMEOUT", 0.2)
        one_line_error(cli(path, "block", "Élève"), 1, "occupé")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join()


def test_temp_files_of_a_killed_writer_are_cleared(path):
    stale = path.parent / f".{path.name}.dead1234.tmp"
    fresh = path.parent / f".{path.name}.live5678.tmp"
    for leftover in (stale, fresh):
        leftover.write_bytes(b'{"half": ')
    old = time.time() - 3600
    os.utime(stale, (old, old))
    session = Session.open(Store(path, clock=make_clock(TODAY, frozen=True)), None, TODAY)
    set_blocked(session, [a_pupil(session).id], True)
    assert not stale.exists()  # left by a writer killed an hour ago
    assert fresh.exists()  # may be another writer's, being written right now
