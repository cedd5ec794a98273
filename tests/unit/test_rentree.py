"""The rentrée checklist on the demo: counts, "à conserver" marks, and each step's fix."""

from __future__ import annotations

from datetime import timedelta

import pytest

from entconsole.models import (
    BlockAction,
    Group,
    JournalEntry,
    KeepMark,
    Profile,
    Share,
    ShareBookmark,
    Structure,
    User,
)
from entconsole.services import rentree
from entconsole.services.bookmarks import clean_bookmarks, delete_bookmarks, stale_bookmarks
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.flash import FlashDraft, create_message
from entconsole.services.mass_block import mass_block
from entconsole.services.rentree import Step
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY

DEMO_COUNTS = {  # École élémentaire des Papillons on 2024-09-05
    Step.TEACHERS_LEFT: 2,
    Step.AESH: 3,
    Step.MANUAL_ACCOUNTS: 6,
    Step.MANUAL_GROUPS: 2,
    Step.BOOKMARKS: 3,
    Step.CLASSES: 2,
    Step.GAR: 8,
    Step.COMMUNICATE: 0,
    Step.SUMMER: 0,
}


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


@pytest.fixture
def coq_session(demo_path, clock):
    store = Store(demo_path, clock=clock)
    session = Session.open(store, "julien.carpentier", TODAY)
    session.switch(next(s.id for s in session.structures if "Coquelicots" in s.name))
    return session


def count(session, step: Step) -> int:
    return rentree.step_report(session, step).count


def todo(session, step: Step) -> list[str]:
    return [i.id for i in rentree.step_report(session, step).todo]


def entries(session) -> int:
    return session.store.count(JournalEntry)


def by_name(session, name: str) -> User:
    return next(u for u in session.store.all(User) if u.display_name == name)


def test_demo_counts_and_progress(session):
    checklist = rentree.checklist(session)
    assert checklist.school_year == "2024-2025"
    assert {s.step: s.count for s in checklist.steps} == DEMO_COUNTS
    assert [s.number for s in checklist.steps] == list(range(1, 10))
    assert checklist.progress == "2 / 9 étapes terminées"


def test_demo_items_are_the_seeded_situations(session):
    left = {i.label for i in rentree.step_report(session, Step.TEACHERS_LEFT).items}
    assert left == {"Le Gall Anne", "Lefebvre Clément"}
    # the replacement teacher (home school here, no class) and the TRS are not there
    teachers_here = {u.display_name for u in session.store.all(User)
                     if u.profile is Profile.TEACHER and u.position in ("Brigade", "TRS")}
    assert teachers_here and not teachers_here & left
    groups = {i.label for i in rentree.step_report(session, Step.MANUAL_GROUPS).items}
    assert groups == {"APE 2023-2024", "Groupe de besoins CE1"}  # not Chorale 2024-2025, not RESP-AFFECT-GAR
    kinds = sorted(i.kind for i in rentree.step_report(session, Step.MANUAL_ACCOUNTS).items)
    assert kinds == ["delete"] * 3 + ["predelete"] * 3
    classes = {i.label for i in rentree.step_report(session, Step.CLASSES).items}
    assert classes == {"CE1 A", "CM1 B"}  # CP C holds no pupil


def test_coquelicots_counts(coq_session):
    counts = {s.step: s.count for s in rentree.checklist(coq_session).steps}
    assert counts[Step.COMMUNICATE] == 1  # only a photo message there
    assert counts[Step.MANUAL_GROUPS] == 1
    assert counts[Step.AESH] == 1


# ---- marks


def test_keep_mark_stops_counting_for_this_rentree_only(session):
    item = todo(session, Step.MANUAL_GROUPS)[0]
    before = entries(session)
    result = rentree.set_kept(session, Step.MANUAL_GROUPS, [item])
    assert result.changed == 1
    assert entries(session) == before + 1
    report = rentree.step_report(session, Step.MANUAL_GROUPS)
    assert report.count == 1 and [i.id for i in report.kept] == [item]
    mark = next(iter(session.store.all(KeepMark)))
    assert (mark.school_year, mark.by_login) == ("2024-2025", "nathalie.vasseur")
    # next year the group is looked at again
    next_year = Session.open(session.store, None, TODAY.replace(year=2025))
    assert item in todo(next_year, Step.MANUAL_GROUPS)
    rentree.set_kept(session, Step.MANUAL_GROUPS, [item], keep=False)
    assert count(session, Step.MANUAL_GROUPS) == 2
    assert session.store.count(KeepMark) == 0


def test_keep_mark_refuses_an_item_the_step_does_not_count(session):
    replacement = next(u for u in session.store.all(User) if u.position == "Brigade")
    with pytest.raises(NotFound):
        rentree.set_kept(session, Step.TEACHERS_LEFT, [replacement.id])


# ---- fixes: each brings its step to zero, in one write


def test_step1_detach_teachers_who_left(session):
    ids = todo(session, Step.TEACHERS_LEFT)
    writes = session.store.write_count
    result = rentree.detach_users(session, Step.TEACHERS_LEFT, ids)
    assert result.changed == 2
    assert session.store.write_count == writes + 1
    assert count(session, Step.TEACHERS_LEFT) == 0
    sid = session.structure_id
    for uid in ids:
        user = session.store.get(User, uid)
        assert sid not in user.structures and sid in user.removed_from_structures
    assert session.store.backups.list(), "a bulk detach writes a named backup first"
    # a detached teacher is no longer expected in RESP-AFFECT-GAR either
    assert count(session, Step.GAR) == DEMO_COUNTS[Step.GAR]


def test_detach_refuses_the_replacement_teacher(session):
    replacement = next(u for u in session.store.all(User) if u.position == "Brigade")
    with pytest.raises(NotFound):
        rentree.detach_users(session, Step.TEACHERS_LEFT, [replacement.id])
    assert session.structure_id in session.store.get(User, replacement.id).structures


def test_step2_detach_aesh(session):
    rentree.detach_users(session, Step.AESH, todo(session, Step.AESH))
    assert count(session, Step.AESH) == 0


def test_step3_delete_obsolete_manual_accounts(session):
    ids = todo(session, Step.MANUAL_ACCOUNTS)
    result = rentree.delete_manual_accounts(session, ids)
    assert result.changed == 6
    assert count(session, Step.MANUAL_ACCOUNTS) == 0
    remaining = [session.store.get(User, i) for i in ids]
    assert sum(u is None for u in remaining) == 3  # never activated: gone at once
    assert all(u.delete_date == TODAY for u in remaining if u is not None)  # activated: pre-deleted


def test_step4_delete_last_years_groups_keeps_gar(session):
    ids = todo(session, Step.MANUAL_GROUPS)
    writes = session.store.write_count
    rentree.delete_groups(session, ids)
    assert session.store.write_count == writes + 1
    assert count(session, Step.MANUAL_GROUPS) == 0
    names = {g.name for g in session.store.find(Group, "structure", session.structure_id)}
    assert "RESP-AFFECT-GAR" in names and "Chorale 2024-2025" in names
    for share in session.store.all(Share):
        assert not {g.target_id for g in share.grants} & set(ids)
    assert not any(set(u.groups) & set(ids) for u in session.store.all(User))


def test_step4_refuses_gar(session):
    gar = rentree.gar_group(session)
    with pytest.raises(NotFound):
        rentree.delete_groups(session, [gar.id])


def test_step5_clean_then_delete_bookmarks(session):
    stale = stale_bookmarks(session)
    clean_bookmarks(session, [r.bookmark.id for r in stale])
    left = stale_bookmarks(session)
    assert all(not r.gone for r in left)
    delete_bookmarks(session, [r.bookmark.id for r in left])
    assert count(session, Step.BOOKMARKS) == 0
    # cleaned "Collègues cycle 3" is fine now; this year's team never was stale
    names = {b.name for b in session.store.all(ShareBookmark)}
    assert names == {"Collègues cycle 3", "Équipe enseignante 2024-2025"}


def test_step6_attach_teachers(session):
    for class_id in todo(session, Step.CLASSES):
        teacher = rentree.teachers_without_class(session)[0]
        rentree.attach_teacher(session, class_id, teacher.id)
    assert count(session, Step.CLASSES) == 0


def test_step6_candidates_exclude_teachers_who_left(session):
    names = {t.display_name for t in rentree.teachers_without_class(session)}
    assert "Lefebvre Clément" not in names and "Le Gall Anne" not in names


def test_step7_fill_gar(session):
    writes = session.store.write_count
    result = rentree.add_teachers_to_gar(session)
    assert result.changed == 8
    assert session.store.write_count == writes + 1
    assert count(session, Step.GAR) == 0


def test_step7_no_gar_group(session, clock):
    gar = rentree.gar_group(session)
    with session.store.transaction("test", "test.remove_gar") as tx:
        tx.delete(Group, gar.id)
        tx.journal("test")
    report = rentree.step_report(session, Step.GAR)
    assert report.note and report.count == 0
    with pytest.raises(NotFound):
        rentree.add_teachers_to_gar(session)


def test_step8_a_rentree_flash_message(coq_session):
    assert count(coq_session, Step.COMMUNICATE) == 1
    create_message(coq_session, FlashDraft(
        title="Rentrée", start=TODAY, end=TODAY + timedelta(days=7),
        profiles=(Profile.RELATIVE.value,), contents={"fr": "Horaires de la rentrée : 8 h 20."},
    ))
    assert count(coq_session, Step.COMMUNICATE) == 0


def test_step8_a_message_for_teachers_only_does_not_count(coq_session):
    create_message(coq_session, FlashDraft(
        title="Rentrée", start=TODAY, end=TODAY + timedelta(days=7),
        profiles=(Profile.TEACHER.value,), contents={"fr": "Réunion de rentrée."},
    ))
    assert count(coq_session, Step.COMMUNICATE) == 1


def test_step9_after_rentree_a_summer_block_still_on(session):
    # only blocks made in bulk count: the demo's accounts blocked one by one do not
    assert count(session, Step.SUMMER) == 0
    mass_block(session, Profile.STUDENT, BlockAction.BLOCK)
    report = rentree.step_report(session, Step.SUMMER)
    assert [i.id for i in report.todo] == [Profile.STUDENT.value]
    assert report.count > 200
    rentree.summer_fix(session, Profile.STUDENT)
    assert count(session, Step.SUMMER) == 0


def test_step9_in_summer_families_not_blocked(demo_path, clock):
    summer = Session.open(Store(demo_path, clock=clock), None, TODAY.replace(month=7, day=15))
    report = rentree.step_report(summer, Step.SUMMER)
    assert {i.id for i in report.todo} == {Profile.STUDENT.value, Profile.RELATIVE.value}
    rentree.set_kept(summer, Step.SUMMER, [Profile.RELATIVE.value])  # the school leaves parents open
    rentree.summer_fix(summer, Profile.STUDENT)
    assert rentree.step_report(summer, Step.SUMMER).count == 0


def test_fixing_every_step_finishes_the_checklist(session):
    rentree.detach_users(session, Step.TEACHERS_LEFT, todo(session, Step.TEACHERS_LEFT))
    rentree.detach_users(session, Step.AESH, todo(session, Step.AESH))
    rentree.delete_manual_accounts(session, todo(session, Step.MANUAL_ACCOUNTS))
    rentree.delete_groups(session, todo(session, Step.MANUAL_GROUPS))
    delete_bookmarks(session, todo(session, Step.BOOKMARKS))
    for class_id in todo(session, Step.CLASSES):
        rentree.attach_teacher(session, class_id, rentree.teachers_without_class(session)[0].id)
    rentree.add_teachers_to_gar(session)
    assert rentree.checklist(session).progress == "9 / 9 étapes terminées"


def test_out_of_scope_structure_is_refused(session):
    other = next(s for s in session.store.all(Structure) if "Coquelicots" in s.name)
    session.structure_id = other.id  # bypassing switch(): the service still checks
    with pytest.raises(PermissionDenied):
        rentree.checklist(session)
