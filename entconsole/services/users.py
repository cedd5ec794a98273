"""Users of a structure and the one query behind every users list.

The Utilisateurs screen, `entconsole users`, and the group-members picker all
call :func:`query_users`, so a filter means the same thing everywhere.
Within a category the selected values are alternatives (OR); categories
combine (AND); an empty category does not filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

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
    """Accounts attached to the structure (detached ones only on request)."""
    for user_id in store.ids_by(User, "structure", structure_id):
        user = store.get(User, user_id)
        if user is None:
            continue
        if not include_removed and structure_id not in user.structures:
            continue
        yield user


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


def _roster(store: Store, structure_id: str) -> list[tuple[str, User]]:
    """The structure's users (detached included) in name order, with search keys.

    Rebuilt only after the documents changed; folding is cached per account,
    so a rebuild after one action costs a sort, not 100,000 folds.
    """
    key = ("users.roster", structure_id)
    cached = store.caches.get(key)
    if cached is not None and cached[0] == store.generation:
        return cached[1]
    users = [u for uid in store.ids_by(User, "structure", structure_id) if (u := store.get(User, uid))]
    users.sort(key=lambda u: store.derived("users.sort", u, sort_key_name))
    roster = [(store.derived("users.search", u, search_key), u) for u in users]
    store.caches[key] = (store.generation, roster)
    return roster


def query_users(store: Store, structure_id: str, q: UserQuery = UserQuery()) -> list[User]:
    """The structure's users matching `q`, sorted as asked."""
    words = fold(q.search).split()
    narrowed = bool(q.profiles or q.classes or q.teaching_groups or q.manual_groups)
    candidates = _candidate_ids(store, q) if narrowed else None
    tests = _predicates(structure_id, q)
    found = []
    for key, user in _roster(store, structure_id):
        if candidates is not None and user.id not in candidates:
            continue
        if words and not all(w in key for w in words):
            continue
        if all(test(user) for test in tests):
            found.append(user)
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
