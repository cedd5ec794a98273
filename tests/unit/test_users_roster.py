"""The users query's caches (issue 9): after any change they answer as a fresh load would.

The roster is moved in place after a commit, search results are narrowed
from the previous keystroke's: each test compares with a store opened anew
from the same file, which builds everything from scratch.
"""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from entconsole.models import Profile, User
from entconsole.services.session import Session
from entconsole.services.user_list import Category, FilterState
from entconsole.services.users import (
    UserQuery,
    _search_key,
    _sort_key,
    query_users,
    sort_key_name,
    structure_users,
)
from entconsole.store import Store
from entconsole.text import fold
from tests.conftest import TODAY

QUERIES = [
    UserQuery(),
    UserQuery(search="ma"),
    UserQuery(search="mar"),
    UserQuery(search="mart in"),
    UserQuery(search="le ga"),
    UserQuery(include_removed=True),
    UserQuery(blocked=True),
    UserQuery(profiles=frozenset({Profile.STUDENT}), search="e"),
    FilterState().toggle(Category.PROFILES, "Relative").with_search("an").query(),
]


def answers(store: Store, sid: str) -> list:
    by_index = [store.get(User, i) for i in store.ids_by(User, "structure", sid)]
    walked = [
        sorted(u.id for u in structure_users(store, sid)),
        sorted(u.id for u in structure_users(store, sid, include_removed=True)),
    ]
    assert walked == [sorted(u.id for u in by_index if sid in u.structures), sorted(u.id for u in by_index)]
    return walked + [[u.id for u in query_users(store, sid, q)] for q in QUERIES]


def fresh(path) -> Store:
    return Store(path, create=False)


def test_roster_moved_in_place_matches_a_fresh_load(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    session = Session.open(store, None, TODAY)
    sid = session.structure_id
    answers(store, sid)  # build the caches before the changes
    rng = random.Random(7)
    users = sorted((u for u in store.all(User) if sid in u.structures), key=lambda u: u.id)
    for n in range(12):
        user = rng.choice(users)
        with store.transaction("test", "test.change", structure_id=sid) as tx:
            current = tx.get(User, user.id)
            if n % 4 == 0:  # renamed: moves in the name order
                tx.put(current.model_copy(update={"last_name": rng.choice(["Aubert", "Zola", "Martinez"])}))
            elif n % 4 == 1:
                tx.put(current.model_copy(update={"blocked": not current.blocked}))
            elif n % 4 == 2:  # detached: stays listed only with include_removed
                tx.put(current.model_copy(update={
                    "structures": tuple(s for s in current.structures if s != sid),
                    "removed_from_structures": (*current.removed_from_structures, sid),
                }))
            else:  # pre-deleted
                tx.put(current.model_copy(update={"delete_date": TODAY}))
            tx.journal("change")
        assert store.changed_since(store.generation - 1) is not None
        assert answers(store, sid) == answers(fresh(demo_path), sid)


def test_new_and_deleted_accounts(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    session = Session.open(store, None, TODAY)
    sid = session.structure_id
    answers(store, sid)
    victim = next(u for u in store.all(User) if sid in u.structures and u.profile is Profile.GUEST)
    with store.transaction("test", "test.change", structure_id=sid) as tx:
        tx.delete(User, victim.id)
        tx.put(victim.model_copy(update={"id": "new-account", "login": "marthe.anew", "first_name": "Marthe"}))
        tx.journal("change")
    assert answers(store, sid) == answers(fresh(demo_path), sid)
    assert "new-account" in {u.id for u in query_users(store, sid, UserQuery(search="marthe"))}


def test_another_sessions_write_rebuilds(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    sid = Session.open(store, None, TODAY).structure_id
    answers(store, sid)
    other = Store(demo_path, create=False, clock=clock)
    user = next(u for u in other.all(User) if sid in u.structures and not u.blocked)
    with other.transaction("test", "test.change", structure_id=sid) as tx:
        tx.put(user.model_copy(update={"blocked": True}))
        tx.journal("change")
    assert store.refresh()
    # read again, the unchanged documents kept their models: only the change is known as one
    changed = store.changed_since(store.generation - 1)
    assert changed is not None and ("users", user.id) in changed
    assert {table for table, _ in changed} == {"users", "journal"}
    assert answers(store, sid) == answers(fresh(demo_path), sid)


def test_reload_read_in_a_thread_is_applied_once(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    sid = Session.open(store, None, TODAY).structure_id
    before = {u.id: u for u in store.all(User)}
    other = Store(demo_path, create=False, clock=clock)
    user = next(u for u in other.all(User) if sid in u.structures and not u.blocked)
    with other.transaction("test", "test.change", structure_id=sid) as tx:
        tx.put(user.model_copy(update={"blocked": True}))
        tx.journal("change")
    reloaded = store.read_changes()
    assert reloaded is not None and store.get(User, user.id).blocked is False  # not applied yet
    assert store.apply(reloaded) and store.get(User, user.id).blocked is True
    assert not store.apply(reloaded)  # already in
    assert store.read_changes() is None
    kept = [u for u in store.all(User) if u.id != user.id]
    assert all(u is before[u.id] for u in kept)  # unchanged documents were not validated again
    assert answers(store, sid) == answers(fresh(demo_path), sid)


def test_a_commit_makes_an_earlier_read_stale(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    other = Store(demo_path, create=False, clock=clock)
    with other.transaction("test", "test.one", structure_id=None) as tx:
        tx.journal("one")
    reloaded = store.read_changes()
    with store.transaction("test", "test.two", structure_id=None) as tx:  # reloads, then writes
        tx.journal("two")
    assert not store.apply(reloaded)
    assert store.revision == fresh(demo_path).revision


def test_typing_then_erasing_gives_the_same_results(demo_template):
    store = Store(demo_template, create=False)
    sid = Session.open(store, None, TODAY).structure_id
    text = "marie lef"
    typed = [[u.id for u in query_users(store, sid, UserQuery(search=text[:n]))] for n in range(len(text) + 1)]
    erased = [[u.id for u in query_users(store, sid, UserQuery(search=text[:n]))] for n in range(len(text), -1, -1)]
    assert typed == erased[::-1]
    cold = fresh(demo_template)
    assert typed == [[u.id for u in query_users(cold, sid, UserQuery(search=text[:n]))] for n in range(len(text) + 1)]


names = st.text(alphabet="abcéÈ-' .ŒœßİAZ", min_size=1, max_size=12).filter(lambda t: t.strip(" -'.") != "")


@given(first=names, last=names)
def test_cached_folding_is_the_plain_folding(first, last):
    user = User(first_name=first, last_name=last, display_name=f"{last} {first}", profile=Profile.GUEST,
                login="x", source="MANUAL", creation_date="2024-09-01T00:00:00")
    assert _search_key(user) == fold(f"{user.first_name} {user.last_name}")
    assert _sort_key(user) == sort_key_name(user)
