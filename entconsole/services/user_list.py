"""The Utilisateurs list as data: its filter panel and its bulk actions (no Textual).

The filters panel (DOMAIN.md section 7) keeps, per category, the values the
admin ticked; :meth:`FilterState.query` turns them into the one
:class:`~entconsole.services.users.UserQuery` that every users list runs.
Keeping the ticks (rather than the query) lets a category show both values
of a yes/no choice ticked, which means "no filter" for the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from entconsole import labels as L
from entconsole.models import ADMIN_LOCAL, GroupType, Profile, SchoolClass, Source, User
from entconsole.services.accounts import deletion_kind, structure_groups
from entconsole.services.session import Session
from entconsole.services.users import (
    DEFAULT_PREDELETION,
    Predeletion,
    SortKey,
    UserQuery,
    predeletion_state,
    structure_users,
)
from entconsole.text import fold


class Category(StrEnum):
    """Filter categories, in the console's order."""

    PROFILES = "profiles"
    CLASSES = "classes"
    TEACHING_GROUPS = "teaching_groups"
    MANUAL_GROUPS = "manual_groups"
    ACTIVATION = "activation"
    FUNCTIONS = "functions"
    SOURCES = "sources"
    DUPLICATES = "duplicates"
    ADMINS = "admins"
    CREATED = "created"
    PREDELETION = "predeletion"
    BLOCKING = "blocking"
    DETACHED = "detached"  # accounts detached from this structure (struck through)
    RENTREE = "rentree"  # the accounts a rentrée step counts (value: the step's code)


# Categories whose values come from the school's data: a search box narrows them.
SEARCHABLE = frozenset({Category.CLASSES, Category.MANUAL_GROUPS})

# Value keys of the fixed-choice categories.
ACTIVATED, INACTIVE = "activated", "inactive"
DUPLICATE, UNIQUE = "duplicate", "unique"
ADMIN = "admin"
BLOCKED, UNBLOCKED = "blocked", "unblocked"
DETACHED_SHOWN = "shown"
BEFORE, SINCE = "before", "since"  # Date de création: "before:2024-09-01"


def date_key(kind: str, day: date) -> str:
    return f"{kind}:{day.isoformat()}"


def parse_date_key(key: str) -> tuple[str, date] | None:
    kind, _, text = key.partition(":")
    if kind not in (BEFORE, SINCE):
        return None
    try:
        return kind, date.fromisoformat(text)
    except ValueError:
        return None


def _yes_no(values: frozenset[str], yes: str, no: str) -> bool | None:
    """Both or neither ticked: no filter."""
    if (yes in values) == (no in values):
        return None
    return yes in values


DEFAULT_SELECTION: Mapping[Category, frozenset[str]] = MappingProxyType(
    {Category.PREDELETION: frozenset(p.value for p in DEFAULT_PREDELETION)}
)


@dataclass(frozen=True)
class FilterState:
    """What the admin chose: ticked values per category, search text, sort."""

    selected: Mapping[Category, frozenset[str]] = field(default_factory=lambda: DEFAULT_SELECTION)
    search: str = ""
    sort: SortKey = SortKey.NAME
    descending: bool = False
    # The accounts the Rentrée value stands for, listed by the checklist when the
    # list was opened from a step (no filter category can say "left the school").
    step_accounts: frozenset[str] = frozenset()

    # ---- reading

    def values(self, category: Category) -> frozenset[str]:
        return self.selected.get(category, frozenset())

    def count(self, category: Category) -> int:
        return len(self.values(category))

    def changed_categories(self) -> int:
        """How many categories differ from the default (the counter says so)."""
        return sum(1 for c in Category if self.values(c) != DEFAULT_SELECTION.get(c, frozenset()))

    def date(self, kind: str) -> date | None:
        for key in self.values(Category.CREATED):
            parsed = parse_date_key(key)
            if parsed and parsed[0] == kind:
                return parsed[1]
        return None

    # ---- changing (each returns a new state)

    def _with(self, category: Category, values: Iterable[str]) -> "FilterState":
        selected = dict(self.selected)
        values = frozenset(values)
        if values:
            selected[category] = values
        else:
            selected.pop(category, None)
        return replace(self, selected=MappingProxyType(selected))

    def toggle(self, category: Category, key: str) -> "FilterState":
        return self._with(category, self.values(category) ^ {key})

    def remove(self, category: Category, key: str) -> "FilterState":
        return self._with(category, self.values(category) - {key})

    def clear(self, category: Category) -> "FilterState":
        """"Désélectionner tout" for one category."""
        return self._with(category, ())

    def with_date(self, kind: str, day: date | None) -> "FilterState":
        """Set or clear "avant le" / "depuis le" of Date de création."""
        kept = {k for k in self.values(Category.CREATED) if not k.startswith(kind + ":")}
        if day is not None:
            kept.add(date_key(kind, day))
        return self._with(Category.CREATED, kept)

    def with_search(self, text: str) -> "FilterState":
        return replace(self, search=text)

    def sorted_by(self, key: SortKey) -> "FilterState":
        """Sort by `key`; asking again for the same key toggles the direction."""
        if key is self.sort:
            return replace(self, descending=not self.descending)
        return replace(self, sort=key, descending=False)

    # ---- the query

    def query(self) -> UserQuery:
        v = self.values
        # no tick: every state (said explicitly, whatever the query makes of an empty set)
        predeletion = frozenset(
            Predeletion(k) for k in v(Category.PREDELETION) if k in Predeletion._value2member_map_
        ) or frozenset(Predeletion)
        return UserQuery(
            search=self.search,
            profiles=frozenset(Profile(k) for k in v(Category.PROFILES) if k in Profile._value2member_map_),
            classes=v(Category.CLASSES),
            teaching_groups=v(Category.TEACHING_GROUPS),
            manual_groups=v(Category.MANUAL_GROUPS),
            activated=_yes_no(v(Category.ACTIVATION), ACTIVATED, INACTIVE),
            functions=v(Category.FUNCTIONS),
            sources=frozenset(Source(k) for k in v(Category.SOURCES) if k in Source._value2member_map_),
            duplicates=_yes_no(v(Category.DUPLICATES), DUPLICATE, UNIQUE),
            admins_only=ADMIN in v(Category.ADMINS),
            created_before=self.date(BEFORE),
            created_since=self.date(SINCE),
            predeletion=predeletion,
            blocked=_yes_no(v(Category.BLOCKING), BLOCKED, UNBLOCKED),
            include_removed=DETACHED_SHOWN in v(Category.DETACHED),
            only_ids=self.step_accounts if v(Category.RENTREE) else None,
            sort=self.sort,
            descending=self.descending,
        )


def blocked_users_state() -> FilterState:
    """The list filtered on Blocage = bloqués ("Consulter la liste des utilisateurs bloqués")."""
    return FilterState().toggle(Category.BLOCKING, BLOCKED)


def step_users_state(
    step_code: str,
    account_ids: Iterable[str],
    *,
    profiles: Iterable[Profile] = (),
    sources: Iterable[Source] = (),
) -> FilterState:
    """The list as a rentrée step's guide filters it, narrowed to the accounts the step counts.

    The guide's filter (Profils, Sources) stays ticked under the "Rentrée"
    chip: removing the chip leaves the list the guide describes.
    """
    state = FilterState()
    for profile in profiles:
        state = state.toggle(Category.PROFILES, Profile(profile).value)
    for source in sources:
        state = state.toggle(Category.SOURCES, Source(source).value)
    state = state.toggle(Category.RENTREE, step_code)
    return replace(state, step_accounts=frozenset(account_ids))


# --------------------------------------------------------------------------- facets


@dataclass(frozen=True)
class FilterValue:
    key: str
    label: str  # plain text (may be user data: a class or group name)


@dataclass(frozen=True)
class Facet:
    """One category of the panel with the values it offers."""

    category: Category
    values: tuple[FilterValue, ...]

    @property
    def title(self) -> str:
        return L.FILTER_CATEGORY[self.category.value]

    @property
    def searchable(self) -> bool:
        return self.category in SEARCHABLE

    def label(self, key: str) -> str:
        for value in self.values:
            if value.key == key:
                return value.label
        return value_label(self.category, key)

    def matching(self, text: str) -> tuple[FilterValue, ...]:
        """The values whose label contains every word of `text` (accents ignored)."""
        words = fold(text).split()
        if not words:
            return self.values
        return tuple(v for v in self.values if all(w in fold(v.label) for w in words))


def value_label(category: Category, key: str) -> str:
    """Label of a value that is not (or no longer) offered, e.g. a deleted group."""
    if category is Category.PROFILES and key in L.PROFILE:
        return L.PROFILE[key]
    if category is Category.SOURCES and key in L.SOURCE:
        return L.SOURCE[key]
    if category is Category.FUNCTIONS:
        return L.FUNCTION.get(key, key)
    if category is Category.RENTREE:
        return L.RTU_CHIP.format(step=L.RTU_STEP_NAME.get(key, key))
    if category is Category.CREATED:
        parsed = parse_date_key(key)
        if parsed:
            kind, day = parsed
            return L.FILTER_DATE_CHIP[kind].format(date=day.strftime("%d/%m/%Y"))
    return L.FILTER_VALUE.get(key, key)


def _fixed(category: Category, *keys: str) -> Facet:
    return Facet(category, tuple(FilterValue(k, value_label(category, k)) for k in keys))


def filter_facets(session: Session) -> list[Facet]:
    """The categories that have values for this structure, in the console's order.

    One pass over the structure's accounts (detached ones included) finds
    which profiles, functions and sources occur; classes and groups come from
    the structure's own lists.
    """
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    profiles: set[Profile] = set()
    functions: set[str] = set()
    sources: set[Source] = set()
    admins = detached = False
    any_user = False
    for user in structure_users(store, sid, include_removed=True):
        if sid not in user.structures:
            detached = True
            continue
        any_user = True
        profiles.add(user.profile)
        functions.update(user.functions)
        sources.add(user.source)
        admins = admins or sid in user.functions.get(ADMIN_LOCAL, ())
    classes = sorted(store.find(SchoolClass, "structure", sid), key=lambda c: (fold(c.name), c.id))
    facets = [
        Facet(Category.PROFILES, tuple(FilterValue(p.value, L.PROFILE[p.value]) for p in Profile if p in profiles)),
        Facet(Category.CLASSES, tuple(FilterValue(c.id, c.name) for c in classes)),
        Facet(Category.TEACHING_GROUPS,
              tuple(FilterValue(g.id, g.name) for g in structure_groups(session, GroupType.TEACHING))),
        Facet(Category.MANUAL_GROUPS,
              tuple(FilterValue(g.id, g.name) for g in structure_groups(session, GroupType.MANUAL))),
    ]
    if any_user:
        facets.append(_fixed(Category.ACTIVATION, ACTIVATED, INACTIVE))
    facets += [
        Facet(Category.FUNCTIONS, tuple(FilterValue(f, value_label(Category.FUNCTIONS, f)) for f in sorted(functions))),
        Facet(Category.SOURCES, tuple(FilterValue(s.value, L.SOURCE[s.value]) for s in Source if s in sources)),
    ]
    if any_user:
        facets.append(_fixed(Category.DUPLICATES, DUPLICATE, UNIQUE))
    if admins:
        facets.append(_fixed(Category.ADMINS, ADMIN))
    if any_user:
        facets += [
            Facet(Category.CREATED, ()),  # two dates, typed
            _fixed(Category.PREDELETION, *(p.value for p in Predeletion)),
            _fixed(Category.BLOCKING, BLOCKED, UNBLOCKED),
        ]
    if detached:
        facets.append(_fixed(Category.DETACHED, DETACHED_SHOWN))
    return [f for f in facets if f.values or f.category is Category.CREATED]


@dataclass(frozen=True)
class Chip:
    """A ticked value shown in "Filtres sélectionnés", removable on its own."""

    category: Category
    key: str
    label: str  # "Profils : Enseignant"


def selected_chips(state: FilterState, facets: Iterable[Facet]) -> list[Chip]:
    """Every ticked value, in the categories' order then the values' order."""
    by_category = {f.category: f for f in facets}
    chips = []
    for category in Category:
        keys = state.values(category)
        if not keys:
            continue
        facet = by_category.get(category)
        order = {v.key: n for n, v in enumerate(facet.values)} if facet else {}
        for key in sorted(keys, key=lambda k: (order.get(k, len(order)), k)):
            label = facet.label(key) if facet else value_label(category, key)
            if category in (Category.CREATED, Category.RENTREE):
                text = label  # already a sentence: "Créés avant le 01/09/2024"
            else:
                text = L.FILTER_CHIP.format(category=L.FILTER_CATEGORY_SHORT[category.value], value=label)
            chips.append(Chip(category, key, text))
    return chips


# --------------------------------------------------------------------------- counter and bulk actions


def count_text(count: int) -> str:
    """"Aucun utilisateur", "1 utilisateur", "12 345 utilisateurs"."""
    if count == 0:
        return L.USERS_NONE
    if count == 1:
        return L.ULIST_COUNT_ONE
    return L.ULIST_COUNT.format(count=f"{count:,}".replace(",", " "))


def list_name(user: User) -> str:
    """"NOM Prénom" as the list shows it, on one line whatever the stored text."""
    return " ".join(f"{user.last_name.upper()} {user.first_name}".split())


@dataclass(frozen=True)
class DeletionPlan:
    """What "Supprimer / pré-supprimer" would do to the chosen accounts."""

    delete: tuple[User, ...]  # never activated: gone at once
    predelete: tuple[User, ...]  # activated: pre-deleted for 90 days
    skipped: tuple[User, ...]  # fed accounts, already pre-deleted, the admin's own

    @property
    def eligible(self) -> int:
        return len(self.delete) + len(self.predelete)


def deletion_plan(session: Session, user_ids: Iterable[str]) -> DeletionPlan:
    """The split `accounts.delete_users(..., skip_ineligible=True)` will make."""
    delete, predelete, skipped = [], [], []
    for user_id in dict.fromkeys(user_ids):
        user = session.store.get(User, user_id)
        if user is None:
            continue
        kind = None if user.id == session.admin_id else deletion_kind(user)
        {"delete": delete, "predelete": predelete, None: skipped}[kind].append(user)
    return DeletionPlan(tuple(delete), tuple(predelete), tuple(skipped))


def existing_ids(session: Session, user_ids: Iterable[str]) -> list[str]:
    """The ids still naming an account of the structure (marks survive refreshes)."""
    sid = session.structure.id
    found = []
    for user_id in user_ids:
        user = session.store.get(User, user_id)
        if user is not None and (sid in user.structures or sid in user.removed_from_structures):
            found.append(user_id)
    return found


def is_predeleted(user: User) -> bool:
    return predeletion_state(user) is Predeletion.PREDELETED
