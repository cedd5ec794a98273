"""What the CSV import and the feeds share when they write many accounts in one transaction.

Logins unique across the batch, classes created with their profile groups and
default rules, duplicates recorded with the rules of DOMAIN.md section 2.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from entconsole.models import Duplicate, Level, SchoolClass, User
from entconsole.services import comm_defaults
from entconsole.services.duplicates import duplicate_score, is_blocking
from entconsole.services.logins import make_login
from entconsole.store import Store, Transaction
from entconsole.text import fold


def person_key(first: str, last: str, birth: date | None) -> tuple[str, str, date | None]:
    """First name + last name + birth date, accent- and case-insensitive."""
    return (fold(first).replace(" ", ""), fold(last).replace(" ", ""), birth)


class TakenLogins:
    """Logins in the store plus those handed out earlier in this batch."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.batch: set[str] = set()

    def __contains__(self, login: object) -> bool:
        return login in self.batch or bool(self.store.ids_by(User, "login", login))

    def new(self, first: str, last: str) -> str:
        login = make_login(first, last, self)
        self.batch.add(login)
        return login


class ClassBook:
    """The structure's classes by folded name; new ones are created in the transaction."""

    def __init__(self, store: Store, structure_id: str) -> None:
        self.structure_id = structure_id
        self.by_key: dict[str, SchoolClass] = {
            fold(c.name): c for c in store.find(SchoolClass, "structure", structure_id)
        }
        self.created: list[SchoolClass] = []

    def find(self, name: str) -> SchoolClass | None:
        return self.by_key.get(fold(name))

    def create(self, tx: Transaction | None, name: str, level: Level | None = None,
               school_year: str | None = None) -> SchoolClass:
        """A new class with its profile groups and default links (staged when `tx`)."""
        school_class = SchoolClass(structure_id=self.structure_id, name=name.strip(), level=level,
                                   school_year=school_year)
        if tx is not None:
            tx.put(school_class)
            groups = comm_defaults.class_profile_groups(school_class, tx.now)
            for group in groups:
                tx.put(group)
            for link in comm_defaults.class_links(groups):
                tx.put(link)
        self.by_key[fold(name)] = school_class
        self.created.append(school_class)
        return school_class


def record_duplicates(tx: Transaction, changed: Iterable[User], pool: Iterable[User]) -> int:
    """Record duplicate pairs between `changed` accounts and the `pool` (same profile).

    A pair is kept when its score is blocking (> 3), at least one account is
    not activated and neither ignores the other. A blocking score needs two
    matching fields, so candidates are found through buckets keyed by pairs
    of fields (never by one field alone, which would compare every pupil born
    on the same day). Each account gets one write, whatever its new pairs.
    Returns the number of pairs recorded.
    """
    pool = list(pool)
    current: dict[str, User] = {u.id: u for u in pool}
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for user in pool:
        for key in _bucket_keys(user):
            buckets[key].append(user.id)
    additions: dict[str, list[Duplicate]] = defaultdict(list)
    recorded: set[frozenset[str]] = set()
    for user in changed:
        user = current.get(user.id, user)
        known = {d.user_id for d in user.duplicates}
        for key in _bucket_keys(user):
            for other_id in buckets.get(key, ()):
                pair = frozenset((user.id, other_id))
                if other_id == user.id or other_id in known or pair in recorded:
                    continue
                other = current[other_id]
                if other.profile is not user.profile or (user.activated and other.activated):
                    continue
                if other.id in user.ignored_duplicates or user.id in other.ignored_duplicates:
                    continue
                score = duplicate_score(user, other)
                if not is_blocking(score):
                    continue
                recorded.add(pair)
                additions[user.id].append(Duplicate(user_id=other.id, score=score))
                additions[other.id].append(Duplicate(user_id=user.id, score=score))
    for user_id, found in additions.items():
        user = current[user_id]
        tx.put(user.model_copy(update={"duplicates": user.duplicates + tuple(found)}))
    return len(recorded)


def _norm(text: str | None) -> str:
    return fold(text or "").replace(" ", "")


def _bucket_keys(user: User) -> list[tuple]:
    """Every pair of the four compared fields that the account has."""
    fields = [("last", _norm(user.last_name)), ("first", _norm(user.first_name)),
              ("birth", user.birth_date), ("email", _norm(user.email) or None)]
    present = [(name, value) for name, value in fields if value]
    return [(a, b) for i, a in enumerate(present) for b in present[i + 1:]]
