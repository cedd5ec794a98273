"""The users list as data: filter ticks -> the one query, facets, chips, deletion plan."""

from __future__ import annotations

from datetime import date

import pytest

from entconsole import labels as L
from entconsole.models import ADMIN_LOCAL, GroupType, Profile, Source, User
from entconsole.services.accounts import deletion_kind, structure_groups
from entconsole.services.session import Session
from entconsole.services.user_list import (
    ACTIVATED,
    BEFORE,
    BLOCKED,
    DETACHED_SHOWN,
    DUPLICATE,
    INACTIVE,
    SINCE,
    UNBLOCKED,
    UNIQUE,
    Category,
    FilterState,
    blocked_users_state,
    count_text,
    deletion_plan,
    existing_ids,
    filter_facets,
    list_name,
    selected_chips,
)
from entconsole.services.users import DEFAULT_PREDELETION, Predeletion, SortKey, UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def test_default_state_is_the_default_query():
    query = FilterState().query()
    assert query == UserQuery()
    assert query.predeletion == DEFAULT_PREDELETION  # pre-deleted accounts hidden
    assert FilterState().changed_categories() == 0


@pytest.mark.parametrize(
    ("category", "yes", "no", "field"),
    [
        (Category.ACTIVATION, ACTIVATED, INACTIVE, "activated"),
        (Category.DUPLICATES, DUPLICATE, UNIQUE, "duplicates"),
        (Category.BLOCKING, BLOCKED, UNBLOCKED, "blocked"),
    ],
)
def test_yes_no_categories(category, yes, no, field):
    state = FilterState()
    assert getattr(state.toggle(category, yes).query(), field) is True
    assert getattr(state.toggle(category, no).query(), field) is False
    both = state.toggle(category, yes).toggle(category, no)
    assert getattr(both.query(), field) is None  # both ticked: no filter
    assert both.values(category) == {yes, no}  # ...but the panel still shows both ticked
    assert getattr(both.toggle(category, yes).toggle(category, no).query(), field) is None


def test_multi_select_categories_and_their_query():
    state = (
        FilterState()
        .toggle(Category.PROFILES, "Teacher")
        .toggle(Category.PROFILES, "Personnel")
        .toggle(Category.SOURCES, "MANUAL")
        .toggle(Category.CLASSES, "c1")
        .toggle(Category.TEACHING_GROUPS, "ulis")
        .toggle(Category.MANUAL_GROUPS, "g1")
        .toggle(Category.FUNCTIONS, ADMIN_LOCAL)
        .toggle(Category.ADMINS, "admin")
        .toggle(Category.DETACHED, DETACHED_SHOWN)
    )
    query = state.query()
    assert query.profiles == {Profile.TEACHER, Profile.PERSONNEL}
    assert query.sources == {Source.MANUAL}
    assert query.classes == {"c1"} and query.teaching_groups == {"ulis"} and query.manual_groups == {"g1"}
    assert query.functions == {ADMIN_LOCAL} and query.admins_only and query.include_removed
    # a second tick on the same value unticks it; removing one keeps the others
    assert state.toggle(Category.PROFILES, "Teacher").query().profiles == {Profile.PERSONNEL}
    assert state.remove(Category.PROFILES, "Personnel").query().profiles == {Profile.TEACHER}
    # "Désélectionner tout": that category only
    cleared = state.clear(Category.PROFILES)
    assert cleared.query().profiles == frozenset() and cleared.query().sources == {Source.MANUAL}


def test_predeletion_ticks():
    state = FilterState()
    shown = state.toggle(Category.PREDELETION, Predeletion.PREDELETED.value)
    assert shown.query().predeletion == set(Predeletion)
    only = state.clear(Category.PREDELETION).toggle(Category.PREDELETION, "predeleted")
    assert only.query().predeletion == {Predeletion.PREDELETED}
    assert state.clear(Category.PREDELETION).query().predeletion == set(Predeletion)  # no filter
    assert state.clear(Category.PREDELETION).changed_categories() == 1


def test_creation_dates():
    state = FilterState().with_date(BEFORE, date(2024, 9, 1)).with_date(SINCE, date(2020, 1, 1))
    query = state.query()
    assert (query.created_before, query.created_since) == (date(2024, 9, 1), date(2020, 1, 1))
    moved = state.with_date(BEFORE, date(2023, 1, 1))
    assert moved.query().created_before == date(2023, 1, 1) and len(moved.values(Category.CREATED)) == 2
    assert state.with_date(BEFORE, None).query().created_before is None
    chips = [c.label for c in selected_chips(state, [])]
    assert "Créés avant le 01/09/2024" in chips and "Créés depuis le 01/01/2020" in chips


def test_sort_toggles_direction_per_key():
    state = FilterState()
    assert (state.sort, state.descending) == (SortKey.NAME, False)
    state = state.sorted_by(SortKey.NAME)
    assert (state.sort, state.descending) == (SortKey.NAME, True)
    state = state.sorted_by(SortKey.PROFILE)
    assert (state.sort, state.descending) == (SortKey.PROFILE, False)
    state = state.sorted_by(SortKey.PROFILE)
    assert state.query().sort is SortKey.PROFILE and state.query().descending


def test_search_is_passed_to_the_query(session):
    state = FilterState().with_search("helene")
    found = query_users(session.store, session.structure_id, state.query())
    assert found and all("Hélène" in u.first_name or "Hélène" in u.last_name for u in found)


def test_blocked_users_state(session):
    found = query_users(session.store, session.structure_id, blocked_users_state().query())
    assert found and all(u.blocked for u in found)
    assert all(u.delete_date is None for u in found)


def test_facets_of_the_demo_school(session):
    facets = {f.category: f for f in filter_facets(session)}
    # every category with values, in the console's order
    assert list(facets) == [c for c in Category if c in facets]
    assert {Category.PROFILES, Category.CLASSES, Category.MANUAL_GROUPS, Category.TEACHING_GROUPS,
            Category.ACTIVATION, Category.SOURCES, Category.ADMINS, Category.CREATED,
            Category.PREDELETION, Category.BLOCKING} <= set(facets)
    assert facets[Category.PROFILES].title == L.FILTER_CATEGORY["profiles"] == "Profils (par défaut tous)"
    assert [v.label for v in facets[Category.PROFILES].values] == [L.PROFILE[p.value] for p in Profile]
    sources = {v.key for v in facets[Category.SOURCES].values}
    users = [u for u in session.store.all(User) if session.structure_id in u.structures]
    assert sources == {u.source.value for u in users}
    manual = [g.name for g in structure_groups(session, GroupType.MANUAL)]
    assert [v.label for v in facets[Category.MANUAL_GROUPS].values] == manual
    assert facets[Category.CLASSES].searchable and facets[Category.MANUAL_GROUPS].searchable
    assert not facets[Category.PROFILES].searchable
    # the search box narrows classes, accents and case ignored
    some_class = facets[Category.CLASSES].values[0]
    assert some_class in facets[Category.CLASSES].matching(some_class.label.lower())
    assert facets[Category.CLASSES].matching("zzz-no-such-class") == ()
    # nobody is detached from the demo school: no such category
    assert Category.DETACHED not in facets


def test_chips_name_category_and_value(session):
    facets = filter_facets(session)
    manual = next(f for f in facets if f.category is Category.MANUAL_GROUPS).values[0]
    state = FilterState().toggle(Category.PROFILES, "Teacher").toggle(Category.MANUAL_GROUPS, manual.key)
    labels = [c.label for c in selected_chips(state, facets)]
    assert labels == [
        "Profil : Enseignant",
        f"Groupe manuel : {manual.label}",
        "Pré-suppression : En attente de pré-suppression",
        "Pré-suppression : Non pré-supprimés",
    ]
    assert state.changed_categories() == 2


def test_count_text():
    assert count_text(0) == "Aucun utilisateur"
    assert count_text(1) == "1 utilisateur"
    assert count_text(782) == "782 utilisateurs"
    assert count_text(20000) == "20 000 utilisateurs"


def test_list_name_is_one_line_with_the_last_name_upper_cased(session):
    user = next(u for u in session.store.all(User) if "-" in u.first_name)
    assert list_name(user) == f"{user.last_name.upper()} {user.first_name}"
    odd = user.model_copy(update={"first_name": "a\nb\tc", "last_name": "[bold]x[/]"})
    assert list_name(odd) == "[BOLD]X[/] a b c"


def test_deletion_plan_matches_the_service(session):
    users = [u for u in session.store.all(User) if session.structure_id in u.structures]
    manual_new = next(u for u in users if u.source is Source.MANUAL and not u.activated and u.delete_date is None)
    manual_old = next(u for u in users if u.source is Source.MANUAL and u.activated and u.delete_date is None
                      and u.id != session.admin_id)
    fed = next(u for u in users if u.source is Source.AAF1D and u.disappearance_date is None)
    plan = deletion_plan(session, [manual_new.id, manual_old.id, fed.id, session.admin_id, "unknown"])
    assert [u.id for u in plan.delete] == [manual_new.id]
    assert [u.id for u in plan.predelete] == [manual_old.id]
    assert {u.id for u in plan.skipped} == {fed.id, session.admin_id}
    assert plan.eligible == 2
    assert deletion_kind(fed) is None


def test_existing_ids_forget_deleted_accounts(session):
    user = next(u for u in session.store.all(User) if session.structure_id in u.structures)
    other_school = next(u for u in session.store.all(User) if session.structure_id not in u.structures
                        and session.structure_id not in u.removed_from_structures)
    assert existing_ids(session, [user.id, "gone", other_school.id]) == [user.id]
