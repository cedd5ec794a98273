"""Users of a structure and the one query behind every users list.

The Utilisateurs screen, `entconsole users`, and the group-members picker all
call :func:`query_users`, so a filter means the same thing everywhere.
Within a category the selected values are alternatives (OR); categories
combine (AND); an empty category does not filter.
"""

from __future__ import annotations

import gc
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import cache
from operator import itemgetter

from entconsole import labels as L
from entconsole.models import ADMIN_LOCAL, Profile, Source, User
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold


class Predeletion(StrEnum):
    PREDELETED = "predeleted"  # delete_date set
    PENDING = "pending"  # disappearance_date set, not yet pre-deleted
    NONE = "none"  # neither


class SortKey(StrEnum):
    NAME = "name"
    PROFILE = "profile"


# The console hides pre-deleted accounts until the admin asks for them.
DEFAULT_PREDELETION = frozenset({Predeletion.PENDING, Predeletion.NONE})


@dataclass(frozen=True)
class UserQuery:
    """The filters panel of DOMAIN.md section 7, plus search and sort."""

    search: str = ""
    profiles: frozenset[Profile] = frozenset()
    classes: frozenset[str] = frozenset()
    teaching_groups: frozenset[str] = frozenset()
    manual_groups: frozenset[str] = frozenset()
    activated: bool | None = None
    functions: frozenset[str] = frozenset()
    sources: frozenset[Source] = frozenset()
    duplicates: bool | None = None  # True: doublons, False: uniques
    admins_only: bool = False
    created_before: date | None = None
    created_since: date | None = None
    predeletion: frozenset[Predeletion] = DEFAULT_PREDELETION
    blocked: bool | None = None
    include_removed: bool = False  # accounts detached from this structure
    # Only these accounts (a rentrée step's list, see user_list.RENTREE); None: no such filter.
    only_ids: frozenset[str] | None = None
    sort: SortKey = SortKey.NAME
    descending: bool = False

    def with_(self, **changes) -> "UserQuery":
        return replace(self, **changes)


def predeletion_state(user: User) -> Predeletion:
    if user.delete_date is not None:
        return Predeletion.PREDELETED
    if user.disappearance_date is not None:
        return Predeletion.PENDING
    return Predeletion.NONE


def search_key(user: User) -> str:
    """Folded "first last last first" so word order does not matter."""
    return fold(f"{user.first_name} {user.last_name}")


def sort_key_name(user: User) -> tuple[str, str, str]:
    """Last name, first name, then id so that homonyms keep a stable order."""
    return (fold(user.last_name), fold(user.first_name), user.id)


PROFILE_SORT_ORDER = {p: n for n, p in enumerate(Profile)}


def structure_users(store: Store, structure_id: str, *, include_removed: bool = False) -> Iterator[User]:
    """Accounts attached to the structure (detached ones only on request), in name order.

    Read from the structure's roster (built once per change, see `_roster`):
    many screens and checks walk a school's accounts, and at 100,000 accounts
    each walk through the index cost about a second.
    """
    rows = _roster(store, structure_id).rows
    if include_removed:
        return (row[1] for row in rows)
    return (row[1] for row in rows if row[2])


def _candidate_ids(store: Store, q: UserQuery) -> set[str]:
    """Narrow with the indexes (values of a category are alternatives)."""
    ids: set[str] | None = None
    for index, values in (
        ("profile", q.profiles),
        ("class", q.classes),
        ("group", q.teaching_groups),
        ("group", q.manual_groups),
    ):
        if values:
            found = set().union(*(store.ids_by(User, index, v) for v in values))
            ids = found if ids is None else ids & found
    return ids if ids is not None else set()


def _predicates(structure_id: str, q: UserQuery) -> list:
    """One test per active filter, so inactive filters cost nothing per row."""
    tests = []
    if not q.include_removed:
        tests.append(lambda u: structure_id in u.structures)
    if q.activated is not None:
        tests.append(lambda u: u.activated == q.activated)
    if q.blocked is not None:
        tests.append(lambda u: u.blocked == q.blocked)
    if q.duplicates is not None:
        tests.append(lambda u: bool(u.duplicates) == q.duplicates)
    if q.sources:
        tests.append(lambda u: u.source in q.sources)
    if q.functions:
        tests.append(lambda u: not q.functions.isdisjoint(u.functions))
    if q.admins_only:
        tests.append(lambda u: structure_id in u.functions.get(ADMIN_LOCAL, ()))
    if q.created_before:
        tests.append(lambda u: u.creation_date.date() < q.created_before)
    if q.created_since:
        tests.append(lambda u: u.creation_date.date() >= q.created_since)
    # Like every category, nothing selected means no filter.
    if q.predeletion and q.predeletion != frozenset(Predeletion):
        tests.append(lambda u: predeletion_state(u) in q.predeletion)
    return tests


# --------------------------------------------------------------------------- the roster

# Above this many changed accounts since the roster was built, rebuilding it
# (one sort) is cheaper than moving each account to its new place.
INCREMENTAL_LIMIT = 2_000
RESULTS_KEPT = 16  # search results remembered per structure (typing, then erasing)

_fold_part = cache(fold)  # names repeat: fold each spelling once (a few 10,000 at most)


def _sort_key(user: User) -> tuple[str, str, str]:
    return (_fold_part(user.last_name), _fold_part(user.first_name), user.id)


def _search_key(user: User) -> str:
    # fold(first + " " + last), folding each part once for the whole store
    return " ".join(part for part in (_fold_part(user.first_name), _fold_part(user.last_name)) if part)


# A roster row: (search key, user, attached to the structure, pre-deletion state).
Row = tuple[str, User, bool, Predeletion]


class _Roster:
    """A structure's users (detached included) in name order, with what filters read.

    Immutable once built: a change makes a new roster (copy, then move the
    changed accounts), so a query running in a thread never sees it move.
    """

    __slots__ = ("generation", "sort_keys", "rows", "_key_of")

    def __init__(
        self, generation: int, sort_keys: list, rows: list[Row], key_of: dict[str, tuple] | None = None
    ) -> None:
        self.generation = generation
        self.sort_keys = sort_keys
        self.rows = rows
        self._key_of = key_of

    @property
    def key_of(self) -> dict[str, tuple]:
        """User id -> its sort key here (made when a first change needs it)."""
        if self._key_of is None:
            self._key_of = {key[2]: key for key in self.sort_keys}  # the key ends with the id
        return self._key_of


def _row(user: User, structure_id: str) -> Row:
    return (_search_key(user), user, structure_id in user.structures, predeletion_state(user))


def _build_roster(store: Store, structure_id: str) -> _Roster:
    users = store.find(User, "structure", structure_id)
    fold_part = _fold_part
    # Hundreds of thousands of tuples kept, none freed: collections meanwhile would
    # only walk them again (a third of the build at 100,000 accounts), as in Store loads.
    collecting = gc.isenabled()
    gc.disable()
    try:
        keyed = sorted([((fold_part(u.last_name), fold_part(u.first_name), u.id), u) for u in users], key=itemgetter(0))
        sort_keys = [k for k, _ in keyed]
        none, pending, predeleted = Predeletion.NONE, Predeletion.PENDING, Predeletion.PREDELETED
        rows = [  # as _row(u) does, from the folded parts already at hand, inlined (100,000 calls)
            (
                f"{first} {last}" if first and last else first or last,
                u,
                structure_id in u.structures,
                predeleted if u.delete_date is not None else pending if u.disappearance_date is not None else none,
            )
            for (last, first, _), u in keyed
        ]
    finally:
        if collecting:
            gc.enable()
    return _Roster(store.generation, sort_keys, rows)


def _updated_roster(store: Store, structure_id: str, old: _Roster, user_ids: list[str]) -> _Roster:
    """`old` with the changed accounts taken out and put back in their new place."""
    sort_keys, rows, key_of = old.sort_keys.copy(), old.rows.copy(), dict(old.key_of)
    for user_id in user_ids:
        key = key_of.pop(user_id, None)
        if key is not None:
            at = bisect_left(sort_keys, key)
            del sort_keys[at], rows[at]
        user = store.get(User, user_id)
        if user is None or (structure_id not in user.structures and structure_id not in user.removed_from_structures):
            continue
        key = _sort_key(user)
        at = bisect_left(sort_keys, key)
        sort_keys.insert(at, key)
        rows.insert(at, _row(user, structure_id))
        key_of[user_id] = key
    return _Roster(store.generation, sort_keys, rows, key_of)


def _roster(store: Store, structure_id: str) -> _Roster:
    """The structure's roster for the store's current documents.

    After a commit only the accounts it changed move (bisect), instead of
    sorting 100,000 accounts again; after a load it is rebuilt.
    """
    cache_key = ("users.roster", structure_id)
    cached: _Roster | None = store.caches.get(cache_key)
    if cached is not None and cached.generation == store.generation:
        return cached
    # One builder at a time: Accueil's thread and the users list would otherwise
    # both sort 100,000 accounts; the second waits and takes the first's.
    with store.caches.setdefault(("users.roster.lock", structure_id), threading.RLock()):
        generation = store.generation  # before reading: a commit meanwhile (a thread) makes it stale
        cached = store.caches.get(cache_key)
        if cached is not None and cached.generation == generation:
            return cached
        changed = store.changed_since(cached.generation) if cached is not None else None
        user_ids = [doc_id for table, doc_id in changed or () if table == User.TABLE]
        if cached is not None and changed is not None and len(user_ids) <= INCREMENTAL_LIMIT:
            roster = _updated_roster(store, structure_id, cached, user_ids)
        else:
            roster = _build_roster(store, structure_id)
        roster.generation = generation
        store.caches[cache_key] = roster
        store.caches.pop(("users.results", structure_id), None)
    return roster


# --------------------------------------------------------------------------- the query


def _base_rows(store: Store, rows: list[Row], structure_id: str, q: UserQuery) -> list[Row]:
    """The `rows` passing every filter but the search, in name order."""
    if not q.include_removed:
        rows = [r for r in rows if r[2]]
    if q.predeletion and q.predeletion != frozenset(Predeletion):
        allowed = q.predeletion
        rows = [r for r in rows if r[3] in allowed]
    if q.only_ids is not None:
        rows = [r for r in rows if r[1].id in q.only_ids]
    narrowed = bool(q.profiles or q.classes or q.teaching_groups or q.manual_groups)
    if narrowed:
        candidates = _candidate_ids(store, q)
        rows = [r for r in rows if r[1].id in candidates]
    for test in _predicates(structure_id, q.with_(include_removed=True, predeletion=frozenset())):
        rows = [r for r in rows if test(r[1])]  # one pass per filter: each pass shrinks the next
    return rows


_CATEGORIES = ("profiles", "classes", "teaching_groups", "manual_groups", "functions", "sources")
_TRI_STATES = ("activated", "duplicates", "blocked")


def _narrows(new: UserQuery, old: UserQuery) -> bool:
    """Every account `new` lists, `old` lists too (its filters only add or narrow old's)."""
    for name in _CATEGORIES:  # values of a category are alternatives; none: no filter
        was, now = getattr(old, name), getattr(new, name)
        if was and not (now and now <= was):
            return False
    for name in _TRI_STATES:
        was = getattr(old, name)
        if was is not None and getattr(new, name) != was:
            return False
    if old.admins_only and not new.admins_only:
        return False
    if old.only_ids is not None and not (new.only_ids is not None and new.only_ids <= old.only_ids):
        return False
    if old.created_before and not (new.created_before and new.created_before <= old.created_before):
        return False
    if old.created_since and not (new.created_since and new.created_since >= old.created_since):
        return False
    every = frozenset(Predeletion)
    if not (new.predeletion or every) <= (old.predeletion or every):
        return False
    return old.include_removed or not new.include_removed


def _refines(words: tuple[str, ...], earlier: tuple[str, ...]) -> bool:
    """Whatever matches `words` matches `earlier` (each earlier word is inside a new one)."""
    return all(any(old in new for new in words) for old in earlier)


def _search_rows(store: Store, roster: _Roster, structure_id: str, q: UserQuery) -> list[Row]:
    """Rows for `q` in name order, reusing the results of the previous keystrokes.

    Typing narrows the previous result instead of the whole structure;
    erasing finds the earlier result again.
    """
    base_query = q.with_(search="", sort=SortKey.NAME, descending=False)
    words = tuple(fold(q.search).split())
    cache_key = ("users.results", structure_id)
    cached = store.caches.get(cache_key)
    if cached is not None and cached[0] == roster.generation:
        results: dict[tuple[UserQuery, tuple[str, ...]], list[Row]] = cached[1]
    else:
        results = {}
        store.caches[cache_key] = (roster.generation, results)
    hit = results.get((base_query, words))
    if hit is not None:
        return hit
    rows = results.get((base_query, ()))
    if rows is None:
        # A filter added to the previous ones narrows their result, not the structure's.
        rows = roster.rows
        for (query, earlier), found in list(results.items()):
            if not earlier and len(found) < len(rows) and _narrows(base_query, query):
                rows = found
        rows = _base_rows(store, rows, structure_id, base_query)
        results[(base_query, ())] = rows
    if words:
        best: list[Row] | None = None
        for (query, earlier), found in list(results.items()):  # a thread may add one
            if query == base_query and earlier and _refines(words, earlier):
                if best is None or len(found) < len(best):
                    best = found
        rows = best if best is not None else rows
        for word in words:
            rows = [r for r in rows if word in r[0]]
        searches = [k for k in list(results) if k[1]]
        for stale in searches[: max(0, len(searches) - RESULTS_KEPT)]:
            results.pop(stale, None)  # the oldest first (dicts keep insertion order)
        results[(base_query, words)] = rows
    return rows


def order_key(sort: SortKey) -> Callable[[User], tuple]:
    """The key query_users' results are sorted by (ascending; descending reverses it).

    Unique per account (it ends with the id): a list can be bisected with it.
    """
    if sort is SortKey.PROFILE:
        return lambda u: (PROFILE_SORT_ORDER[u.profile], _sort_key(u))
    return _sort_key


def query_users(store: Store, structure_id: str, q: UserQuery = UserQuery()) -> list[User]:
    """The structure's users matching `q`, sorted as asked."""
    roster = _roster(store, structure_id)
    found = [r[1] for r in _search_rows(store, roster, structure_id, q)]
    if q.sort is SortKey.PROFILE:
        found.sort(key=lambda u: PROFILE_SORT_ORDER[u.profile])  # stable: names stay ordered
    if q.descending:
        found.reverse()
    return found


def facet_values(users: Iterable[User], attribute: str) -> set:
    """Values present for a filter category (categories show only when they have some)."""
    values: set = set()
    for user in users:
        value = getattr(user, attribute)
        if isinstance(value, (tuple, list, set, frozenset, dict)):
            values.update(value)
        else:
            values.add(value)
    return values


# --------------------------------------------------------------------------- actions


def users_of_structure(tx: Transaction, session: Session, user_ids: Iterable[str]) -> list[User]:
    """The accounts to act on, each checked to be in the administered structure."""
    sid = session.structure.id
    session.require_structure(sid)
    found = []
    for user_id in dict.fromkeys(user_ids):
        user = tx.get(User, user_id)
        if user is None or (sid not in user.structures and sid not in user.removed_from_structures):
            raise NotFound(L.USER_NOT_IN_STRUCTURE)
        found.append(user)
    return found


def blocking_applies_everywhere(user: User) -> bool:
    """Blocking a teacher or a staff member blocks them in every structure."""
    return user.profile in (Profile.TEACHER, Profile.PERSONNEL)


def set_blocked(session: Session, user_ids: Iterable[str], blocked: bool) -> ActionResult:
    """Block or unblock accounts (one action, one write, whatever the count)."""
    action = "user.block" if blocked else "user.unblock"
    store = session.store
    with store.transaction(session.admin.login, action, structure_id=session.structure_id) as tx:
        users = users_of_structure(tx, session, user_ids)
        if blocked and any(u.id == session.admin_id for u in users):
            raise PermissionDenied(L.USER_CANNOT_BLOCK_SELF)
        changed = [u for u in users if u.blocked != blocked]
        for user in changed:
            tx.put(user.model_copy(update={"blocked": blocked, "modification_date": tx.now}))
        template = L.USERS_BLOCKED if blocked else L.USERS_UNBLOCKED
        message = template.format(count=len(changed))
        if len(changed) == 1:
            message = (L.USER_BLOCKED if blocked else L.USER_UNBLOCKED).format(name=changed[0].display_name)
        if changed:
            tx.journal(message, targets=[u.id for u in changed])
    return ActionResult(message, changed=len(changed), skipped=len(users) - len(changed))
