"""query_users: each filter, combinations, search, default hiding of pre-deleted."""

from __future__ import annotations

from datetime import date

import pytest

from entconsole.models import ADMIN_LOCAL, GroupType, Profile, Source, User
from entconsole.services.accounts import structure_groups
from entconsole.services.session import Session
from entconsole.services.users import (
    Predeletion,
    SortKey,
    UserQuery,
    predeletion_state,
    query_users,
    structure_users,
)
from entconsole.services.vocabulary import class_from_text, profile_from_text, source_from_text
from entconsole.store import Store
from entconsole.text import fold
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def session(demo_template):
    return Session.open(Store(demo_template, create=False), None, TODAY)


def q(session, **filters) -> list[User]:
    return query_users(session.store, session.structure_id, UserQuery(**filters))


def everyone(session) -> list[User]:
    return list(structure_users(session.store, session.structure_id))


def test_default_hides_predeleted_only(session):
    shown = q(session)
    all_users = everyone(session)
    predeleted = [u for u in all_users if u.delete_date is not None]
    assert predeleted, "the demo has pre-deleted accounts"
    assert len(shown) == len(all_users) - len(predeleted)
    assert not any(u.delete_date for u in shown)
    assert any(u.disappearance_date for u in shown)  # pending ones stay visible


@pytest.mark.parametrize("state", list(Predeletion))
def test_predeletion_filter(session, state):
    found = q(session, predeletion=frozenset({state}))
    assert found and all(predeletion_state(u) is state for u in found)


def test_no_predeletion_state_selected_means_no_filter(session):
    # "Désélectionner tout" on Pré-suppression shows everyone, as in every category.
    assert len(q(session, predeletion=frozenset())) == len(everyone(session))


def test_profiles_are_alternatives(session):
    teachers = q(session, profiles=frozenset({Profile.TEACHER}))
    guests = q(session, profiles=frozenset({Profile.GUEST}))
    both = q(session, profiles=frozenset({Profile.TEACHER, Profile.GUEST}))
    assert teachers and guests
    assert {u.id for u in both} == {u.id for u in teachers} | {u.id for u in guests}
    assert all(u.profile is Profile.TEACHER for u in teachers)


def test_categories_combine(session):
    manual = q(session, sources=frozenset({Source.MANUAL}))
    inactive_manual = q(session, sources=frozenset({Source.MANUAL}), activated=False)
    assert manual and inactive_manual
    assert {u.id for u in inactive_manual} < {u.id for u in manual}
    assert all(not u.activated and u.source is Source.MANUAL for u in inactive_manual)


def test_class_filter(session):
    cm1 = class_from_text(session.store, session.structure_id, "cm1 a")
    found = q(session, classes=frozenset({cm1.id}))
    assert found and all(cm1.id in u.classes for u in found)
    pupils = q(session, classes=frozenset({cm1.id}), profiles=frozenset({Profile.STUDENT}))
    assert 0 < len(pupils) < len(found) + 1


def test_group_filters(session):
    [gar] = [g for g in structure_groups(session, GroupType.MANUAL) if g.name == "RESP-AFFECT-GAR"]
    members = q(session, manual_groups=frozenset({gar.id}))
    assert members and all(gar.id in u.groups for u in members)
    teaching = structure_groups(session, GroupType.TEACHING)
    assert teaching
    assert all(teaching[0].id in u.groups for u in q(session, teaching_groups=frozenset({teaching[0].id})))


def test_status_filters(session):
    blocked = q(session, blocked=True)
    assert blocked and all(u.blocked for u in blocked)
    assert len(blocked) + len(q(session, blocked=False)) == len(q(session))
    doubles = q(session, duplicates=True)
    assert doubles and all(u.duplicates for u in doubles)
    admins = q(session, admins_only=True)
    assert {u.login for u in admins} >= {session.admin.login}
    assert all(session.structure_id in u.functions[ADMIN_LOCAL] for u in admins)
    assert all(ADMIN_LOCAL in u.functions for u in q(session, functions=frozenset({ADMIN_LOCAL})))


def test_creation_dates(session):
    cut = date(TODAY.year - 1, 9, 1)
    before = q(session, created_before=cut)
    since = q(session, created_since=cut)
    assert before and since
    assert len(before) + len(since) == len(q(session))
    assert all(u.creation_date.date() < cut for u in before)


def test_search_accent_case_hyphen_insensitive(session):
    helenes = q(session, search="helene")
    assert helenes and all("Hélène" in u.first_name or "Helene" in u.first_name for u in helenes)
    assert {u.id for u in q(session, search="HÉLÈNE")} == {u.id for u in helenes}
    hyphenated = next(u for u in q(session) if "-" in u.first_name)
    spaced = hyphenated.first_name.replace("-", " ").lower()
    assert hyphenated.id in {u.id for u in q(session, search=spaced)}
    # first and last name in any order, combined with filters
    target = helenes[0]
    assert [u.id for u in q(session, search=f"{target.last_name} helene", profiles=frozenset({target.profile}))] == [target.id]
    assert q(session, search="zzzzzz") == []


def test_sorting(session):
    by_name = q(session)
    keys = [(fold(u.last_name), fold(u.first_name)) for u in by_name]
    assert len(keys) > 2 and keys == sorted(keys)
    desc = q(session, descending=True)
    assert [u.id for u in desc] == [u.id for u in reversed(by_name)]
    by_profile = q(session, sort=SortKey.PROFILE)
    order = [list(Profile).index(u.profile) for u in by_profile]
    assert order == sorted(order)


def test_other_structures_users_never_listed(session):
    ids = {u.id for u in q(session, predeletion=frozenset(Predeletion))}
    for user in session.store.all(User):
        if user.id in ids:
            assert session.structure_id in user.structures


def test_vocabulary():
    assert profile_from_text("Élèves") is Profile.STUDENT
    assert profile_from_text("enseignant") is Profile.TEACHER
    assert profile_from_text("Relative") is Profile.RELATIVE
    assert profile_from_text("prof") is None
    assert source_from_text("manuel") is Source.MANUAL
    assert source_from_text("aaf1d") is Source.AAF1D
