"""Several processes acting through the services on one store, and kill -9 mid-write.

Figures quoted in the README "Fiabilité" section: 8 processes x 200 actions
(1,600 journal entries, nothing lost) and 100 kills at random points.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time


from entconsole.clock import make_clock
from entconsole.models import FlashMessage, Group, GroupType, JournalEntry, Profile, Structure, User
from entconsole.services.accounts import add_to_group, remove_from_group
from entconsole.services.flash import FlashDraft, create_message
from entconsole.services.session import Session
from entconsole.services.user_create import NewUser, create_user
from entconsole.services.users import set_blocked
from entconsole.store import Store, StoreBusy
from tests.reliability.small_store import ADVISOR, DIRECTOR, TODAY, write_small_store

WORKERS = 8
ACTIONS = 200


def _papillons(store: Store) -> Structure:
    return next(s for s in store.all(Structure) if s.uai == "0601234X")


def _plan(store: Store) -> tuple[str, list[str], str]:
    """The school, one pupil per worker (only that worker touches it), a manual group."""
    school = _papillons(store)
    pupils = sorted(
        (u for u in store.all(User)
         if u.profile is Profile.STUDENT and school.id in u.structures and not u.blocked
         and u.delete_date is None and u.disappearance_date is None and not u.groups),
        key=lambda u: u.id,
    )
    group = sorted(
        (g for g in store.all(Group) if g.type is GroupType.MANUAL and g.structure_id == school.id
         and not g.lock_delete),
        key=lambda g: g.id,
    )[0]
    assert len(pupils) >= WORKERS
    return school.id, [u.id for u in pupils[:WORKERS]], group.id


def _worker(path: str, worker: int, actions: int, plan: tuple[str, list[str], str]) -> None:
    # The plan comes from the parent: a worker starting late would see pupils
    # already blocked or grouped by the others and pick another's pupil.
    store = Store(path, create=False, clock=make_clock(TODAY))
    school_id, pupils, group_id = plan
    login = DIRECTOR if worker % 2 == 0 else ADVISOR
    session = Session.open(store, login, TODAY, structure_id=school_id)
    pupil = pupils[worker]
    for n in range(actions):
        while True:
            try:
                _act(session, worker, n, pupil, group_id)
                break
            except StoreBusy:
                # 8 writers on a loaded CI machine can starve one past the lock
                # timeout; nothing was staged, so trying again is what the admin
                # would do ("réessayez dans un instant").
                continue


def _act(session: Session, worker: int, n: int, pupil: str, group_id: str) -> None:
    step, round_ = n % 4, n // 4
    if step == 0:
        result = set_blocked(session, [pupil], blocked=round_ % 2 == 0)
        assert result.changed == 1, "a no-op writes no journal entry: the pupil is not this worker's alone"
    elif step == 1:
        change = add_to_group if round_ % 2 == 0 else remove_from_group
        assert change(session, [pupil], group_id).changed == 1
    elif step == 2:
        draft = FlashDraft(
            title=f"w{worker}-{n}", start=TODAY, end=TODAY, profiles=("Teacher",),
            contents={"fr": f"Message {worker}-{n}"},
        )
        create_message(session, draft)
    else:
        create_user(session, NewUser(first_name=f"Travail{worker}", last_name=f"Essai{n}"))


def test_eight_processes_lose_no_action(tmp_path):
    path = write_small_store(tmp_path / "s.json")
    start = Store(path)
    start_revision = start.revision
    plan = _plan(start)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_worker, args=(str(path), w, ACTIONS, plan)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
        assert p.exitcode == 0
    final = Store(path)  # the file loads
    journal = list(final.all(JournalEntry))
    assert len(journal) == WORKERS * ACTIONS
    assert final.revision == start_revision + WORKERS * ACTIONS
    assert sorted(e.revision for e in journal) == list(range(start_revision + 1, final.revision + 1))
    by_actor = {login: sum(1 for e in journal if e.actor == login) for login in (DIRECTOR, ADVISOR)}
    assert by_actor == {DIRECTOR: WORKERS // 2 * ACTIONS, ADVISOR: WORKERS // 2 * ACTIONS}
    # Every action's effect is in the file.
    school_id, pupils, group_id = plan
    rounds = ACTIONS // 4
    titles = {m.title for m in final.all(FlashMessage)}
    logins = {u.login for u in final.all(User)}
    for w in range(WORKERS):
        pupil = final.get(User, pupils[w])
        assert pupil.blocked == ((rounds - 1) % 2 == 0)  # the last toggle wins
        assert (group_id in pupil.groups) == ((rounds - 1) % 2 == 0)
        for n in range(2, ACTIONS, 4):
            assert f"w{w}-{n}" in titles
        created = [u for u in final.all(User) if u.first_name == f"Travail{w}"]
        assert sorted(u.last_name for u in created) == sorted(f"Essai{n}" for n in range(3, ACTIONS, 4))
    assert len(logins) == final.count(User)  # no login handed out twice


# --------------------------------------------------------------------------- kill -9

KILLS = 100


def _toggler(path: str, pupil: str, ready) -> None:
    """Block / unblock one pupil, one action after another, until killed."""
    store = Store(path, create=False, clock=make_clock(TODAY))
    session = Session.open(store, None, TODAY)
    ready.set()
    while True:
        set_blocked(session, [pupil], not store.get(User, pupil).blocked)


def test_kill_9_at_random_points_leaves_a_committed_state(tmp_path):
    path = write_small_store(tmp_path / "s.json")
    store = Store(path)
    school = _papillons(store)
    pupil = next(
        u for u in store.all(User)
        if u.profile is Profile.STUDENT and school.id in u.structures and not u.blocked
    )
    first_revision = store.revision
    rng = random.Random(10)
    ctx = multiprocessing.get_context("fork")
    progressed = mid_write = 0
    for _ in range(KILLS):
        before = Store(path)
        ready = ctx.Event()
        child = ctx.Process(target=_toggler, args=(str(path), pupil.id, ready))
        child.start()
        assert ready.wait(30)
        time.sleep(rng.uniform(0, 0.03))  # somewhere inside some action
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        after = Store(path)  # always loads: never a half-written file
        # A committed state: the interrupted action is wholly in or wholly out,
        # nothing committed before is lost, one journal entry per revision.
        done = after.revision - first_revision
        assert after.revision >= before.revision
        assert after.count(JournalEntry) == done
        assert {e.id for e in before.all(JournalEntry)} <= {e.id for e in after.all(JournalEntry)}
        # Every committed action flipped the pupil: the flag follows the count.
        assert after.get(User, pupil.id).blocked == (done % 2 == 1)
        if after.revision > before.revision:
            progressed += 1
        for leftover in tmp_path.glob(".*.tmp"):
            # A killed writer's temp file: never read by the store; made old
            # so that the next session clears it (see test_failures).
            if leftover.stat().st_mtime > time.time() - 3000:
                mid_write += 1
                os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    assert progressed > KILLS // 2
    last = Session.open(Store(path, clock=make_clock(TODAY)), None, TODAY)
    set_blocked(last, [pupil.id], not last.store.get(User, pupil.id).blocked)
    assert list(tmp_path.glob(".*.tmp")) == []  # the next session clears what killed writers left
    assert mid_write > 0  # some kills did land inside a write (about 40 in 100 here)
    print(f"kills: {KILLS}, after a commit: {progressed}, in the middle of writing the file: {mid_write}")


def _block_in_other_process(path: str, pupil: str) -> None:
    session = Session.open(Store(path, create=False, clock=make_clock(TODAY)), ADVISOR, TODAY)
    session.switch(_papillons(session.store).id)
    set_blocked(session, [pupil], True)


def test_an_open_session_sees_others_changes_at_its_next_action(tmp_path):
    path = write_small_store(tmp_path / "s.json")
    store = Store(path, clock=make_clock(TODAY))
    session = Session.open(store, DIRECTOR, TODAY)
    _, pupils, _ = _plan(store)
    ctx = multiprocessing.get_context("fork")
    other = ctx.Process(target=_block_in_other_process, args=(str(path), pupils[0]))
    other.start()
    other.join(60)
    assert other.exitcode == 0
    assert not store.get(User, pupils[0]).blocked  # not reloaded yet
    set_blocked(session, [pupils[1]], True)  # its next action
    assert store.get(User, pupils[0]).blocked and store.get(User, pupils[1]).blocked
    assert Store(path).get(User, pupils[0]).blocked  # and the other's change was kept
