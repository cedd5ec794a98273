"""Caches over many documents, computed while a commit lands (issue 9 follow-up).

Accueil's figures and the rentrée checklist run in a thread on a large store,
so the UI thread may commit while they read. A cache must then carry the
generation read *before* computing, so the next call sees it is stale; stamped
with the generation found after, it would keep the old state for good. The
commit "meanwhile" is made deterministic here by committing from inside the
computation (the store's first read of the accounts).
"""

from __future__ import annotations

import threading

from entconsole.models import Profile, User
from entconsole.services import rentree_rules as rules
from entconsole.services.session import Session
from entconsole.services.users import _roster, structure_users
from entconsole.store import Store
from tests.conftest import TODAY


def _block_one(store: Store, sid: str) -> str:
    target = next(u for u in structure_users(store, sid) if not u.blocked and u.profile is Profile.STUDENT)
    with store.transaction("someone", "user.block", structure_id=sid) as tx:
        tx.put(target.model_copy(update={"blocked": True}))
        tx.journal("block", targets=[target.id])
    return target.id


def test_roster_built_while_a_commit_lands_is_seen_stale(demo_path, monkeypatch):
    store = Store(demo_path, create=False)
    sid = Session.open(store, None, TODAY).structure_id
    target = next(u for u in structure_users(store, sid) if not u.blocked and u.profile is Profile.STUDENT)
    store.caches.clear()  # the roster is built again below
    real_find = store.find
    landed = []

    def find_then_commit(model, index, key):
        found = real_find(model, index, key)
        if model is User and not landed:
            landed.append(True)
            with store.transaction("someone", "user.block", structure_id=sid) as tx:
                tx.put(store.get(User, target.id).model_copy(update={"blocked": True}))
                tx.journal("block", targets=[target.id])
        return found

    monkeypatch.setattr(store, "find", find_then_commit)
    first = _roster(store, sid)
    assert landed
    assert not next(r[1] for r in first.rows if r[1].id == target.id).blocked  # read before the commit
    assert first.generation < store.generation
    again = _roster(store, sid)
    assert next(r[1] for r in again.rows if r[1].id == target.id).blocked


def test_rule_cache_computed_while_a_commit_lands_is_seen_stale(demo_path):
    store = Store(demo_path, create=False)
    sid = Session.open(store, None, TODAY).structure_id
    calls = []

    def compute():
        calls.append(store.generation)
        if len(calls) == 1:
            _block_one(store, sid)  # lands while the value is computed
        return len(calls)

    assert rules.cached(store, ("test.meanwhile",), compute) == 1
    assert rules.cached(store, ("test.meanwhile",), compute) == 2  # stale: computed again
    assert rules.cached(store, ("test.meanwhile",), compute) == 2  # now current


def test_one_roster_builder_at_a_time(demo_path, monkeypatch):
    """A second caller waits for the first builder and takes its roster."""
    import entconsole.services.users as users

    store = Store(demo_path, create=False)
    sid = Session.open(store, None, TODAY).structure_id
    store.caches.clear()
    builds = []
    entered, release = threading.Event(), threading.Event()
    real_build = users._build_roster

    def slow_build(store_, structure_id):
        builds.append(threading.current_thread().name)
        entered.set()
        release.wait(5)
        return real_build(store_, structure_id)

    monkeypatch.setattr(users, "_build_roster", slow_build)
    results = {}
    first = threading.Thread(target=lambda: results.setdefault("a", _roster(store, sid)), name="a")
    first.start()
    assert entered.wait(5)
    second = threading.Thread(target=lambda: results.setdefault("b", _roster(store, sid)), name="b")
    second.start()
    release.set()
    first.join(5)
    second.join(5)
    assert builds == ["a"]
    assert results["a"] is results["b"]
