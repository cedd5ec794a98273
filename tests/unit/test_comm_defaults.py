"""Default communication rules (DOMAIN.md section 5, the guide's table)."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from entconsole.models import (
    Communication,
    GroupType,
    Level,
    Profile,
    SchoolClass,
    Structure,
)
from entconsole.services import comm_defaults as cd

NOW = datetime(2024, 9, 5, 9, 0)
T, S, R, P, G = (Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.PERSONNEL,
                 Profile.GUEST)


def id_factory(prefix: str = "id"):
    counter = itertools.count(1)
    return lambda: f"{prefix}-{next(counter)}"


@pytest.fixture
def school():
    return Structure(id="s1", name="École élémentaire des Papillons", uai="0601234X")


@pytest.fixture
def cm1():
    return SchoolClass(id="c1", structure_id="s1", name="CM1 A", level=Level.CM1)


def test_structure_group_names_are_the_real_console_ones(school):
    groups = cd.structure_profile_groups(school, NOW, id_factory())
    assert {g.profile: g.name for g in groups} == {
        T: "Enseignants du groupe École élémentaire des Papillons.",
        S: "Élèves du groupe École élémentaire des Papillons.",
        R: "Parents du groupe École élémentaire des Papillons.",
        P: "Personnels du groupe École élémentaire des Papillons.",
        G: "Invités du groupe École élémentaire des Papillons.",
    }
    assert all(g.type == GroupType.PROFILE and g.structure_id == "s1" for g in groups)
    assert all(g.class_id is None and g.created == NOW for g in groups)


def test_class_groups_have_no_guest_group(cm1):
    groups = cd.class_profile_groups(cm1, NOW, id_factory())
    assert {g.profile: g.name for g in groups} == {
        S: "Élèves du groupe CM1 A.",
        T: "Enseignants du groupe CM1 A.",
        R: "Parents du groupe CM1 A.",
        P: "Personnels du groupe CM1 A.",
    }
    assert all(g.class_id == "c1" and g.structure_id == "s1" for g in groups)


def test_internal_rules(school, cm1):
    structure = {g.profile: g for g in cd.structure_profile_groups(school, NOW, id_factory())}
    klass = {g.profile: g for g in cd.class_profile_groups(cm1, NOW, id_factory())}
    assert {p: g.internal_communication for p, g in structure.items()} == {
        P: Communication.BOTH,
        T: Communication.BOTH,
        S: Communication.NONE,
        R: Communication.NONE,
        G: Communication.NONE,
    }
    assert klass[S].internal_communication == Communication.BOTH
    assert klass[R].internal_communication == Communication.NONE
    # pupils and their own parents reach each other: relative link on the pupil groups only
    assert [p for p, g in structure.items() if g.relative_communication] == [S]
    assert [p for p, g in klass.items() if g.relative_communication] == [S]


def _named_links(links, groups):
    scope = {g.id: ("class" if g.class_id else "structure", g.profile) for g in groups}
    return {(scope[link.source], scope[link.target]) for link in links}


def test_default_links_follow_the_table(school, cm1):
    new_id = id_factory()
    structure_groups = cd.structure_profile_groups(school, NOW, new_id)
    class_groups = cd.class_profile_groups(cm1, NOW, new_id)
    links = cd.default_links(structure_groups, {cm1.id: class_groups}, new_id)
    s, c = "structure", "class"
    assert _named_links(links, structure_groups + class_groups) == {
        ((s, P), (s, T)), ((s, P), (s, S)), ((s, P), (s, R)), ((s, P), (s, G)),
        ((s, T), (s, P)), ((s, T), (s, S)), ((s, T), (s, R)),
        ((c, S), (c, T)), ((c, S), (c, P)),
        ((c, R), (c, T)),
    }
    assert len(links) == 10  # no duplicate link
    # nothing lets all pupils or all parents of the structure reach anyone
    sources = {link.source for link in links}
    assert not sources & {g.id for g in structure_groups if g.profile in (S, R, G)}


def test_links_stay_inside_each_class(school, cm1):
    cm2 = SchoolClass(id="c2", structure_id="s1", name="CM2 A", level=Level.CM2)
    new_id = id_factory()
    sg = cd.structure_profile_groups(school, NOW, new_id)
    by_class = {c.id: cd.class_profile_groups(c, NOW, new_id) for c in (cm1, cm2)}
    links = cd.default_links(sg, by_class, new_id)
    class_of = {g.id: g.class_id for groups in by_class.values() for g in groups}
    for link in links:
        if link.source in class_of:
            assert class_of[link.source] == class_of[link.target]
    assert len(links) == 7 + 3 * 2


def test_ids_come_from_the_factory(school, cm1):
    first = cd.structure_profile_groups(school, NOW, id_factory("x"))
    again = cd.structure_profile_groups(school, NOW, id_factory("x"))
    assert [g.id for g in first] == [f"x-{n}" for n in range(1, 6)]
    assert [g.model_dump() for g in first] == [g.model_dump() for g in again]
    random_ids = cd.structure_profile_groups(school, NOW)
    assert len({g.id for g in random_ids}) == 5


def test_new_manual_group_members_communicate():
    group = cd.manual_group("Chorale 2024-2025", "s1", NOW, created_by="Vasseur Nathalie",
                            new_id=id_factory())
    assert group.type == GroupType.MANUAL
    assert group.internal_communication == Communication.BOTH
    assert group.name == "Chorale 2024-2025" and group.created_by == "Vasseur Nathalie"
    assert not group.lock_delete and group.profile is None


def test_commune_staff_reach_teachers_and_parents_of_its_schools(school):
    commune = Structure(id="m1", name="Commune de Bellefontaine", is_school=False)
    new_id = id_factory()
    commune_groups = cd.structure_profile_groups(commune, NOW, new_id)
    school_groups = cd.structure_profile_groups(school, NOW, new_id)
    links = cd.commune_links(commune_groups, school_groups, new_id)
    profile = {g.id: (g.structure_id, g.profile) for g in commune_groups + school_groups}
    assert {(profile[link.source], profile[link.target]) for link in links} == {
        (("m1", P), ("s1", T)),
        (("m1", P), ("s1", R)),
    }


def test_missing_groups_are_skipped(school):
    groups = [g for g in cd.structure_profile_groups(school, NOW, id_factory()) if g.profile != G]
    links = cd.structure_links(groups, id_factory("l"))
    assert len(links) == 6
