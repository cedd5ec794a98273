"""Issue 9: what the store does to stay fast at 100,000 accounts keeps it correct."""

from __future__ import annotations

import threading

from entconsole.models import User
from entconsole.store import INDEX_SPECS, Store


def index_maps(store: Store) -> dict:
    return {
        name: {key: frozenset(ids) for key, ids in store._state.indexes["users"][name].map.items()}
        for name in INDEX_SPECS["users"]
    }


def test_indexes_built_in_a_thread_during_commits_match_a_fresh_load(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    users = sorted(store.all(User), key=lambda u: u.id)[:60]
    warmer = threading.Thread(target=store.warm_indexes)
    warmer.start()
    for n, user in enumerate(users):  # commits racing the build
        with store.transaction("test", "test.change") as tx:
            current = tx.get(User, user.id)
            tx.put(current.model_copy(update={"blocked": not current.blocked, "classes": () if n % 2 else current.classes}))
            tx.journal("change")
    warmer.join()
    assert index_maps(store) == index_maps(Store(demo_path, create=False))


def test_loaded_documents_share_their_fields_set_and_copies_do_not(demo_template):
    store = Store(demo_template, create=False)
    first, second = list(store.all(User))[:2]
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    changed = first.model_copy(update={"blocked": True})
    assert changed.__pydantic_fields_set__ is not first.__pydantic_fields_set__
    assert "blocked" in first.__pydantic_fields_set__ and len(first.__pydantic_fields_set__) == len(User.model_fields)


def test_a_commit_writes_what_a_fresh_load_reads(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    user = next(u for u in store.all(User) if not u.blocked)
    with store.transaction("test", "test.change") as tx:
        tx.put(user.model_copy(update={"blocked": True}))
        tx.delete(User, next(u.id for u in store.all(User) if u.id != user.id))
        tx.journal("change")
    fresh = Store(demo_path, create=False)
    assert {u.id: u for u in fresh.all(User)} == {u.id: u for u in store.all(User)}
    for table in ("users", "journal"):  # the same lines, at the same places, in the same order
        assert list(fresh._state.spans[table].items()) == list(store._state.spans[table].items())


def test_indexes_carried_over_a_reload_match_a_fresh_load(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    store.warm_indexes()
    other = Store(demo_path, create=False, clock=clock)
    users = sorted(other.all(User), key=lambda u: u.id)
    with other.transaction("test", "test.change") as tx:
        tx.put(users[0].model_copy(update={"classes": (), "groups": (), "login": "renamed.login"}))
        tx.delete(User, users[1].id)
        tx.journal("change")
    assert store.refresh()
    assert store._state.indexes["users"]["class"]._map is not None  # carried, not rebuilt
    assert index_maps(store) == index_maps(Store(demo_path, create=False))
