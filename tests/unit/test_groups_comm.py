"""Groups (listing, manual CRUD with locks) and communication rules (links, matrix, can-talk)."""

from __future__ import annotations

import pytest

from entconsole.models import Communication, CommunicationLink, Group, GroupType, Profile, User
from entconsole.services import communication as comm
from entconsole.services import groups
from entconsole.services.accounts import add_to_group
from entconsole.services.errors import InvalidInput, PermissionDenied, ServiceError
from entconsole.services.session import Session
from entconsole.services.users import Predeletion, UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY

P, T, S, R, G = Profile.PERSONNEL, Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.GUEST
YES, CLASS, OWN, NO = comm.Reach.YES, comm.Reach.CLASS, comm.Reach.OWN, comm.Reach.NO

# The guide's table (003_*, chapter 6): rows reach columns.
GUIDE = {
    P: {P: YES, T: YES, S: YES, R: YES, G: YES},
    T: {P: YES, T: YES, S: YES, R: YES, G: NO},
    S: {P: CLASS, T: CLASS, S: CLASS, R: OWN, G: NO},
    R: {P: NO, T: CLASS, S: OWN, R: NO, G: NO},
    G: {P: NO, T: NO, S: NO, R: NO, G: NO},
}


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def row(session, tab, name):
    return next(r for r in groups.list_groups(session, tab) if r.group.name == name)


def profile_group(session, profile, class_id=None):
    return next(
        g for g in session.store.find(Group, "structure", session.structure_id)
        if g.type is GroupType.PROFILE and g.profile is profile and g.class_id == class_id
    )


def users(session, **filters):
    return query_users(session.store, session.structure_id, UserQuery(**filters))


# ---- listing


def test_tabs_and_counts(session):
    manual = groups.list_groups(session, groups.GroupTab.MANUAL)
    assert "RESP-AFFECT-GAR" in [r.group.name for r in manual]
    names = [r.group.name.casefold() for r in manual]
    assert names == sorted(names)
    profile_rows = groups.list_groups(session, groups.GroupTab.PROFILE)
    teachers = next(r for r in profile_rows if r.group.profile is T)
    assert teachers.group.name == f"Enseignants du groupe {session.structure.name}."
    assert teachers.members == len(users(session, profiles=frozenset({T})))
    classes = groups.list_groups(session, groups.GroupTab.CLASSES)
    cm1 = next(r for r in classes if r.group.name == "Élèves du groupe CM1 A.")
    assert cm1.class_name == "CM1 A" and cm1.members > 0
    assert groups.list_groups(session, groups.GroupTab.TEACHING)
    assert [r.group.name for r in groups.list_groups(session, groups.GroupTab.MANUAL, "resp affect")] == ["RESP-AFFECT-GAR"]


def test_profile_group_members_exclude_predeleted(session):
    pupils = profile_group(session, S)
    members = groups.group_member_ids(session.store, pupils)
    assert not any(session.store.get(User, uid).delete_date for uid in members)


# ---- manual groups


def test_create_rename_delete(session):
    result = groups.create_group(session, "  Théâtre   2024-2025 ")
    group = session.store.get(Group, result.target_id)
    assert group.name == "Théâtre 2024-2025"
    assert group.internal_communication is Communication.BOTH
    assert group.created_by == session.admin.display_name
    with pytest.raises(InvalidInput):
        groups.create_group(session, "THEATRE 2024-2025")  # same name, other case
    with pytest.raises(InvalidInput):
        groups.create_group(session, "   ")
    groups.rename_group(session, group.id, "Théâtre 2025")
    members = users(session, profiles=frozenset({S}))[:3]
    add_to_group(session, [u.id for u in members], group.id)
    teachers = profile_group(session, T)
    comm.add_link(session, group.id, teachers.id)
    writes = session.store.write_count
    result = groups.delete_group(session, group.id)
    assert session.store.write_count == writes + 1
    assert "3 membre(s)" in result.message
    assert session.store.get(Group, group.id) is None
    assert not any(group.id in session.store.get(User, u.id).groups for u in members)
    assert not session.store.find(CommunicationLink, "source", group.id)


def test_locked_group_cannot_be_renamed_or_deleted(session):
    gar = row(session, groups.GroupTab.MANUAL, "RESP-AFFECT-GAR").group
    assert "verrouillé" in groups.lock_reason(gar)
    for action in (lambda: groups.rename_group(session, gar.id, "Autre"), lambda: groups.delete_group(session, gar.id)):
        with pytest.raises(PermissionDenied, match="verrouillé"):
            action()
    assert session.store.get(Group, gar.id) == gar


def test_profile_groups_are_read_only(session):
    with pytest.raises(PermissionDenied):
        groups.delete_group(session, profile_group(session, T).id)


def test_internal_switch(session):
    group = session.store.get(Group, groups.create_group(session, "Club échecs 2024-2025").target_id)
    groups.set_internal_communication(session, group.id, False)
    assert session.store.get(Group, group.id).internal_communication is Communication.NONE
    with pytest.raises(ServiceError):
        groups.set_internal_communication(session, group.id, False)
    groups.set_internal_communication(session, group.id, True)
    with pytest.raises(PermissionDenied, match="Opération interdite"):
        groups.set_internal_communication(session, profile_group(session, R).id, True)


# ---- links


def test_forbidden_links(session):
    students, relatives = profile_group(session, S), profile_group(session, R)
    class_id = next(u.classes[0] for u in users(session, profiles=frozenset({S})) if u.classes)
    class_relatives = profile_group(session, R, class_id)
    for source, target in ((students, relatives), (relatives, students), (relatives, class_relatives)):
        with pytest.raises(PermissionDenied, match="Opération interdite"):
            comm.add_link(session, source.id, target.id)
    # a teacher group may reach the parents
    manual = session.store.get(Group, groups.create_group(session, "Parents délégués").target_id)
    comm.add_link(session, manual.id, relatives.id)
    assert relatives in comm.reachable_groups(session.store, manual)
    assert manual in comm.reaching_groups(session.store, relatives)
    with pytest.raises(ServiceError):
        comm.add_link(session, manual.id, relatives.id)
    comm.remove_link(session, manual.id, relatives.id)
    assert comm.reachable_groups(session.store, manual) == []


# ---- matrix and can-talk


def test_matrix_reproduces_the_guide_with_default_rules(session):
    matrix = comm.communication_matrix(session)
    assert {(p, q): matrix[(p, q)] for p in GUIDE for q in GUIDE[p]} == {
        (p, q): GUIDE[p][q] for p in GUIDE for q in GUIDE[p]
    }


def test_matrix_shows_a_change(session):
    guests, teachers = profile_group(session, G), profile_group(session, T)
    comm.add_link(session, teachers.id, guests.id)
    assert comm.communication_matrix(session)[(T, G)] is YES
    comm.remove_link(session, profile_group(session, P).id, guests.id)
    assert comm.communication_matrix(session)[(P, G)] is NO


def test_can_talk(session):
    store = session.store
    pupils = [u for u in users(session, profiles=frozenset({S})) if u.classes and u.relatives]
    a = pupils[0]
    same_class = next(u for u in pupils if u.id != a.id and u.classes[0] == a.classes[0])
    other_class = next(u for u in pupils if u.classes[0] != a.classes[0])
    assert [r.way for r in comm.why_can_talk(store, a, same_class)] == [comm.Way.INTERNAL]
    assert comm.why_can_talk(store, a, other_class) == []
    parent = store.get(User, a.relatives[0])
    assert {r.way for r in comm.why_can_talk(store, a, parent)} == {comm.Way.RELATIVE}
    assert {r.way for r in comm.why_can_talk(store, parent, a)} == {comm.Way.RELATIVE}
    other_parent = next(u for u in users(session, profiles=frozenset({R})) if a.id not in u.children)
    assert comm.why_can_talk(store, a, other_parent) == []
    teacher = next(u for u in users(session, profiles=frozenset({T})) if a.classes[0] in u.classes)
    reasons = comm.why_can_talk(store, teacher, a)
    assert reasons and all(r.way is comm.Way.LINK for r in reasons)
    assert "Enseignants du groupe" in reasons[0].describe()


# ---- quality pass (issue 12)


def test_class_parents_group_holds_the_parents_of_its_pupils(session):
    store = session.store
    cm1 = next(r for r in groups.list_groups(session, groups.GroupTab.CLASSES) if r.group.name == "Élèves du groupe CM1 A.")
    parents_group = profile_group(session, R, cm1.group.class_id)
    pupils = groups.group_member_ids(store, cm1.group)
    expected = {
        rid for pid in pupils for rid in store.get(User, pid).relatives
        if store.get(User, rid).delete_date is None and session.structure_id in store.get(User, rid).structures
    }
    assert expected, "the demo's CM1 A pupils have parents"
    assert groups.group_member_ids(store, parents_group) == expected
    row_ = next(r for r in groups.list_groups(session, groups.GroupTab.CLASSES) if r.group.id == parents_group.id)
    assert row_.members == len(expected)
    parent = store.get(User, next(iter(expected)))
    assert parents_group.id in {g.id for g in groups.groups_of_user(store, parent, session.structure_id)}


def test_parent_reaches_the_teacher_of_their_childs_class(session):
    store = session.store
    pupil = next(u for u in users(session, profiles=frozenset({S})) if u.classes and u.relatives)
    parent = store.get(User, pupil.relatives[0])
    teacher = next(u for u in users(session, profiles=frozenset({T})) if pupil.classes[0] in u.classes)
    reasons = comm.why_can_talk(store, parent, teacher)
    assert reasons and reasons[0].way is comm.Way.LINK and "Parents du groupe" in reasons[0].describe()
    stranger = next(u for u in users(session, profiles=frozenset({T}))
                    if u.classes and not set(u.classes) & {c for k in parent.children for c in store.get(User, k).classes})
    assert comm.why_can_talk(store, parent, stranger) == []


def test_teaching_group_lock_reason_says_why(session):
    teaching = groups.list_groups(session, groups.GroupTab.TEACHING)[0].group
    reason = groups.lock_reason(teaching)
    assert "enseignement" in reason and "Seuls" not in reason
    with pytest.raises(PermissionDenied, match="enseignement"):
        groups.rename_group(session, teaching.id, "Autre nom")
    assert "automatique" in groups.lock_reason(profile_group(session, T))


def test_deleted_group_counts_only_current_members(session):
    store = session.store
    group_id = groups.create_group(session, "Atelier cirque 2024-2025").target_id
    members = users(session, profiles=frozenset({S}))[:2]
    add_to_group(session, [u.id for u in members], group_id)
    predeleted = users(session, predeletion=frozenset({Predeletion.PREDELETED}))[0]
    # a pre-deleted account still listed in the group (as a feed could leave it)
    with store.transaction("test", "test.setup") as tx:
        tx.put(predeleted.model_copy(update={"groups": predeleted.groups + (group_id,)}))
        tx.journal("setup")
    listed = next(r for r in groups.list_groups(session, groups.GroupTab.MANUAL) if r.group.id == group_id)
    assert listed.members == 2
    result = groups.delete_group(session, group_id)
    assert "2 membre(s)" in result.message
    assert group_id not in store.get(User, predeleted.id).groups
