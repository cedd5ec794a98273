"""The Journal screen (key j): rows, filter, undo with confirmation, refresh (F5),
and the console staying up when the store fails under it."""

from __future__ import annotations

import errno
import os

import pytest

from entconsole import labels as L
from entconsole import store as store_mod
from entconsole.app import EntConsoleApp
from entconsole.clock import make_clock
from entconsole.models import Profile, Source, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.journal import JournalList, JournalScreen
from entconsole.screens.main import MainScreen
from entconsole.services.accounts import delete_users
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Store
from tests.conftest import TODAY
from tests.ui.conftest import SIZE, screen_text

ADVISOR = "julien.carpentier"


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def other_session(path, login=None) -> Session:
    """Another admin's session on the same file (another SSH connection)."""
    store = Store(path, clock=make_clock(TODAY, frozen=True))
    session = Session.open(store, login, TODAY)
    if session.structure_id is None:
        session.switch(next(s.id for s in session.structures if s.uai == "0601234X"))
    return session


def pupils(session, n):
    found = query_users(session.store, session.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT})))
    return [u for u in found if not u.blocked and u.delete_date is None][:n]


@pytest.fixture
def app(demo_path):
    return EntConsoleApp(db_path=demo_path, today=TODAY)


async def test_journal_lists_filters_and_undoes(demo_path, app):
    director = other_session(demo_path)
    targets = pupils(director, 2)
    set_blocked(director, [u.id for u in targets], True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        journal = app.screen.query_one(JournalList)
        assert [row[0].action for row in journal.rows] == ["user.block"]
        text = screen_text(app)
        assert L.USERS_BLOCKED.format(count=2) in text and "Vasseur Nathalie" in text
        await pilot.press("slash", *"zzqq")
        assert journal.rows == [] and L.JOURNALSCR_COUNT_LINE.format(shown=0, total=1) in screen_text(app)
        await pilot.press("ctrl+u", *"VASSEUR Bloque")  # accents and case do not matter
        assert len(journal.rows) == 1
        await pilot.press("enter", "u")
        assert isinstance(app.screen, ConfirmScreen)
        assert L.USERS_BLOCKED.format(count=2) in str(getattr(app.screen.text, "plain", app.screen.text))
        writes = app.store.write_count
        await pilot.press("escape")  # cancelled: nothing written
        assert app.store.write_count == writes
        await pilot.press("u")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.store.write_count == writes + 1
        for user in targets:
            assert app.store.get(User, user.id) == user
        assert L.UNDO_DONE.format(summary=L.USERS_BLOCKED.format(count=2)) in messages(app)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert [row[0].action for row in journal.rows] == ["journal.undo", "user.block"]
        assert L.JOURNALSCR_UNDONE.strip() in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_refusal_is_a_toast_with_the_reason(demo_path, app):
    director = other_session(demo_path)
    user = next(
        u for u in query_users(director.store, director.structure_id, UserQuery())
        if u.source is Source.MANUAL and u.activation_code is not None and not u.is_admin
    )
    delete_users(director, [user.id])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "u")
        assert isinstance(app.screen, JournalScreen)  # no confirmation offered
        assert any(L.UNDO_REASON_DELETED in m for m in messages(app))


async def test_other_sessions_changes_show_after_f5(demo_path, app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        journal = app.screen.query_one(JournalList)
        assert journal.rows == []
        advisor = other_session(demo_path, ADVISOR)
        [pupil] = pupils(advisor, 1)
        set_blocked(advisor, [pupil.id], True)
        await pilot.press("f5")
        assert [row[0].actor for row in journal.rows] == [ADVISOR]
        assert app.store.get(User, pupil.id).blocked
        assert "Carpentier Julien" in screen_text(app)


async def test_disk_full_during_undo_keeps_the_console_and_the_data(demo_path, app, monkeypatch):
    director = other_session(demo_path)
    [pupil] = pupils(director, 1)
    set_blocked(director, [pupil.id], True)
    before = demo_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "u")
        assert isinstance(app.screen, ConfirmScreen)

        def disk_full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(store_mod.os, "fsync", disk_full)
        await pilot.click("#confirm-yes")
        await pilot.pause()
        monkeypatch.undo()
        assert app.is_running and isinstance(app.screen, JournalScreen)
        assert any(L.DETAIL_NO_SPACE in m for m in messages(app))
        assert demo_path.read_bytes() == before
        assert app.store.get(User, pupil.id).blocked  # memory as the file is
        assert [p for p in demo_path.parent.iterdir() if p.name.endswith(".tmp")] == []


async def test_store_deleted_under_the_console(demo_path, app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        demo_path.unlink()
        await pilot.press("f5")
        vanished = L.STORE_VANISHED.format(path=demo_path.resolve())
        assert vanished in messages(app)
        # An action now: refused with the same message, the console stays up.
        await pilot.press("space", "b")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert messages(app).count(vanished) >= 2
        assert not demo_path.exists()  # nothing wrote a new file in its place
        await pilot.press("j", "u")  # the journal too
        assert app.is_running


def test_journal_snapshot(snap_compare, demo_path):
    director = other_session(demo_path)
    set_blocked(director, [u.id for u in pupils(director, 3)], True)
    advisor = other_session(demo_path, ADVISOR)
    set_blocked(advisor, [pupils(advisor, 1)[0].id], True)
    app = EntConsoleApp(db_path=demo_path, today=TODAY)
    assert snap_compare(app, press=["j"], terminal_size=SIZE)


async def test_read_only_directory_and_busy_lock_in_the_console(demo_path, app):
    import multiprocessing
    import shutil
    import subprocess
    import time

    if shutil.which("chattr") is None:
        pytest.skip("chattr not available")
    before = demo_path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        first = app.main_screen.query_one("UsersSection").users[0]
        if subprocess.run(["chattr", "+i", str(demo_path.parent)]).returncode != 0:
            pytest.skip("cannot make a directory immutable here")
        try:
            await pilot.press("b", "enter")  # block the cursor row, confirmed
            await pilot.pause()
        finally:
            subprocess.run(["chattr", "-i", str(demo_path.parent)], check=True)
        assert app.is_running
        assert any(L.DETAIL_PERMISSION in m for m in messages(app))
        assert demo_path.read_bytes() == before
        assert app.store.get(User, first.id) == first

        # Another session holding the lock for longer than the wait.
        ctx = multiprocessing.get_context("fork")
        ready = ctx.Event()

        def hold(path, ready):
            store = Store(path)
            with store.transaction("autre", "test.hold"):
                ready.set()
                time.sleep(600)

        holder = ctx.Process(target=hold, args=(str(demo_path), ready))
        holder.start()
        try:
            assert ready.wait(30)
            app.store._lock.timeout = 0.2
            await pilot.press("b", "enter")
            await pilot.pause()
            assert app.is_running
            assert any("occupé" in m for m in messages(app))
            assert app.store.get(User, first.id) == first
        finally:
            holder.kill()
            holder.join()


async def test_a_store_error_after_a_confirmation_is_a_toast(app):
    """The net under every confirmation's callback, whatever screen opened it."""
    from entconsole.store import StoreWriteError

    async with app.run_test(size=SIZE) as pilot:
        def confirmed(ok):
            raise StoreWriteError("Écriture impossible : essai.")

        app.push_screen(ConfirmScreen("Essai", "Confirmer ?"), confirmed)
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert app.is_running and "Écriture impossible : essai." in messages(app)
        assert isinstance(app.screen, MainScreen)
