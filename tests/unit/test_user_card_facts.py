"""What the user card shows (services/user_card.py), on the demo store."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from entconsole import labels as L
from entconsole.models import ADMIN_LOCAL, Group, GroupType, Profile, SchoolClass, Source, User
from entconsole.services import user_card as facts
from entconsole.services import accounts
from entconsole.services.accounts import detach_from_structure
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock) -> Session:
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def users(session: Session, **query) -> list[User]:
    return query_users(session.store, session.structure_id, UserQuery(**query))


def by_position(session: Session, position: str) -> User:
    return next(u for u in session.store.all(User) if u.position == position)


# --------------------------------------------------------------------------- formatting


def test_sizes_and_quota():
    assert facts.size_text(0) == "0 o"
    assert facts.size_text(1023) == "1023 o"
    assert facts.size_text(1536) == "1,5 Ko"
    assert facts.size_text(104857600) == "100,0 Mo"
    assert facts.size_text(3 * 1024**4) == "3,0 To"
    assert facts.size_text(5 * 1024**5) == "5120,0 To"  # no unit beyond the last
    user = User(first_name="A", last_name="B", display_name="B A", profile=Profile.GUEST, login="a.b",
                source=Source.MANUAL, creation_date=datetime(2024, 1, 1), quota=1000, quota_used=250)
    text, ratio = facts.quota_text(user)
    assert ratio == 0.25 and text == L.CARD_QUOTA_USED.format(used="250 o", total="1000 o", percent=25)
    over = user.model_copy(update={"quota_used": 3000})
    assert facts.quota_text(over)[1] == 1.0
    assert facts.quota_text(user.model_copy(update={"quota": 0}))[1] == 0.0


def test_dates():
    assert facts.short_date(date(2024, 9, 5)) == "05/09/2024"
    assert facts.short_date(None) == L.CARD_NONE
    assert facts.short_datetime(datetime(2024, 9, 5, 7, 3)) == "05/09/2024 07:03"


# --------------------------------------------------------------------------- banners


def test_banners_follow_the_statuses(session):
    kinds = lambda user: [b.kind for b in facts.banners(session, user)]  # noqa: E731
    director = session.admin
    assert kinds(director) == [facts.BannerKind.ADMIN]
    blocked = next(u for u in users(session, blocked=True) if u.activated and not u.duplicates)
    assert facts.BannerKind.BLOCKED in kinds(blocked)
    banner = next(b for b in facts.banners(session, blocked) if b.kind is facts.BannerKind.BLOCKED)
    assert banner.action == "unblock" and banner.action_label == L.ACT_UNBLOCK

    predeleted = next(u for u in users(session, predeletion=frozenset({"predeleted"})) if u.profile is Profile.GUEST)
    banner = next(b for b in facts.banners(session, predeleted) if b.kind is facts.BannerKind.PREDELETED)
    left = (predeleted.delete_date + timedelta(days=90) - TODAY).days
    assert banner.text == L.BANNER_PREDELETED.format(days=L.CARD_DAYS.format(days=left))
    assert banner.action == "restore"
    assert facts.BannerKind.PENDING not in kinds(predeleted)  # pre-deleted wins

    pending = users(session, predeletion=frozenset({"pending"}))[0]
    banner = next(b for b in facts.banners(session, pending) if b.kind is facts.BannerKind.PENDING)
    left = (pending.disappearance_date + timedelta(days=90) - TODAY).days
    assert str(left) in banner.text and banner.action is None

    duplicate = users(session, duplicates=True)[0]
    assert facts.BannerKind.DUPLICATE in kinds(duplicate)
    inactive = users(session, activated=False)[0]
    banner = next(b for b in facts.banners(session, inactive) if b.kind is facts.BannerKind.INACTIVE)
    assert inactive.activation_code in banner.text


def test_detached_banner_and_struck_structure(session):
    teacher = next(u for u in users(session, profiles=frozenset({Profile.TEACHER})) if u.home_structure is None)
    detach_from_structure(session, teacher.id)
    teacher = session.store.get(User, teacher.id)
    assert facts.BannerKind.DETACHED in [b.kind for b in facts.banners(session, teacher)]
    items = facts.structure_items(session, teacher)
    here = next(i for i in items if i.id == session.structure_id)
    assert here.struck and here.removable and L.CARD_STRUCTURE_DETACHED in here.detail
    assert not facts.is_attached(session, teacher)


# --------------------------------------------------------------------------- what may be done


def test_connection_data_of_another_admin_is_locked(session):
    other_admin = next(u for u in session.store.all(User) if u.is_admin and u.id != session.admin_id)
    assert not accounts.may_change_connection(session, other_admin)
    assert accounts.may_change_connection(session, session.admin)
    teacher = users(session, profiles=frozenset({Profile.TEACHER}))[0]
    assert accounts.may_change_connection(session, teacher)


def test_admin_right_and_deletion_offers(session):
    pupil = users(session, profiles=frozenset({Profile.STUDENT}))[0]
    parent = users(session, profiles=frozenset({Profile.RELATIVE}))[0]
    assert not facts.admin_right_offered(pupil) and not facts.admin_right_offered(parent)
    assert facts.admin_right_offered(session.admin)
    # the acting admin is never offered to delete themself, even if manual
    me = session.admin.model_copy(update={"source": Source.MANUAL})
    assert facts.delete_offer(me, session) is None
    count, names = facts.admin_summary(session)
    assert count == 2 and session.admin.display_name in names


def test_renewal_code_shown_only_while_valid():
    user = User(first_name="A", last_name="B", display_name="B A", profile=Profile.GUEST, login="a.b",
                source=Source.MANUAL, creation_date=datetime(2024, 1, 1), renewal_code="Ab3dE6gH",
                renewal_code_expires=datetime(2024, 9, 12, 8, 0))
    assert facts.renewal_shown(user, datetime(2024, 9, 5)) == ("Ab3dE6gH", datetime(2024, 9, 12, 8, 0))
    assert facts.renewal_shown(user, datetime(2024, 9, 12, 8, 0)) is None


def test_feed_warning_only_for_fed_accounts(session):
    fed = users(session, sources=frozenset({Source.AAF1D}))[0]
    manual = users(session, sources=frozenset({Source.MANUAL}))[0]
    assert L.SOURCE["AAF1D"] in facts.feed_warning(fed)
    assert facts.feed_warning(manual) is None


# --------------------------------------------------------------------------- lists


def test_classes_of_another_school_are_listed_not_removable(session):
    trs = by_position(session, "TRS")
    items = facts.class_items(session, trs)
    assert len(items) == 2
    here = [i for i in items if i.removable]
    elsewhere = [i for i in items if not i.removable]
    assert len(here) == 1 and len(elsewhere) == 1
    other = session.store.get(SchoolClass, elsewhere[0].id)
    assert other.structure_id != session.structure_id and elsewhere[0].detail  # names the school
    assert items[0].removable  # this school's classes first


def test_group_items_by_kind(session):
    coordinator = by_position(session, "Coordonnatrice ULIS")
    teaching = facts.group_items(session, coordinator, GroupType.TEACHING)
    assert [i.label for i in teaching] == ["ULIS"]
    teacher = next(
        u for u in users(session, profiles=frozenset({Profile.TEACHER}))
        if any(session.store.get(Group, g).type is GroupType.MANUAL for g in u.groups)
    )
    manual = facts.group_items(session, teacher, GroupType.MANUAL)
    expected = {g for g in teacher.groups if session.store.get(Group, g).type is GroupType.MANUAL}
    assert {i.id for i in manual} == expected
    assert not {i.id for i in manual} & {i.id for i in facts.group_items(session, teacher, GroupType.TEACHING)}


def test_family_lists_and_candidates(session):
    pupil = next(u for u in users(session, profiles=frozenset({Profile.STUDENT})) if len(u.relatives) == 2)
    items = facts.family_items(session, pupil)
    assert {i.id for i in items} == set(pupil.relatives)
    assert facts.family_profile(pupil) is Profile.RELATIVE
    found, more = facts.family_candidates(session, pupil, "")
    assert len(found) == facts.PICK_LIMIT and more > 0
    assert not set(pupil.relatives) & {u.id for u in found}
    assert all(u.profile is Profile.RELATIVE for u in found)
    parent = session.store.get(User, pupil.relatives[0])
    named, _ = facts.family_candidates(session, parent, pupil.first_name)
    assert pupil.id not in {u.id for u in named}  # already a child
    assert all(u.profile is Profile.STUDENT for u in named)
    assert facts.family_candidates(session, session.admin, "") == ([], 0)
    pupils, _ = facts.pupil_candidates(session, pupil.last_name, exclude={pupil.id})
    assert pupil.id not in {u.id for u in pupils} and pupils


def test_duplicates_and_comparison(session):
    pupil = next(u for u in users(session, duplicates=True, profiles=frozenset({Profile.STUDENT})))
    rows = facts.duplicate_rows(session, pupil)
    assert len(rows) == 1 and rows[0].blocking and rows[0].score == 5
    twin = rows[0].other
    compare = {r.label: r for r in facts.compare_rows(session, pupil, twin)}
    assert compare[L.FIELD_LAST_NAME].same and compare[L.FIELD_FIRST_NAME].same
    assert compare[L.FIELD_BIRTH_DATE].same
    assert not compare[L.CARD_SOURCE].same and not compare[L.CARD_LOGIN].same
    assert pupil.email is None and twin.email is None
    assert not compare[L.CARD_EMAIL].same  # nothing on both sides is not a match
    assert not facts.both_activated(pupil, twin)
    activate = {"activation_code": None}
    assert facts.both_activated(pupil.model_copy(update=activate), twin.model_copy(update=activate))


def test_admin_scope_is_the_structure(session):
    teacher = users(session, profiles=frozenset({Profile.TEACHER}))[0]
    scoped = teacher.model_copy(update={"functions": {ADMIN_LOCAL: ("elsewhere",)}})
    assert not facts.is_local_admin(session, scoped)
    scoped = teacher.model_copy(update={"functions": {ADMIN_LOCAL: (session.structure_id,)}})
    assert facts.is_local_admin(session, scoped)
