"""The read-only helpers the Groupes screens use (end of services/groups.py)."""

from __future__ import annotations

import pytest

from entconsole.models import Group, GroupType, Profile
from entconsole.services import communication as comm
from entconsole.services import groups
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def structure_group(session, profile: Profile) -> Group:
    return next(
        g for g in session.store.find(Group, "structure", session.structure_id)
        if g.type is GroupType.PROFILE and g.class_id is None and g.profile is profile
    )


def test_guide_table_matches_the_default_rules(session):
    matrix = comm.communication_matrix(session)
    assert len(groups.GUIDE_MATRIX) == 25
    assert groups.matrix_differences(matrix) == []
    assert groups.GUIDE_MATRIX[(Profile.STUDENT, Profile.RELATIVE)] == comm.Reach.OWN
    assert groups.GUIDE_MATRIX[(Profile.RELATIVE, Profile.TEACHER)] == comm.Reach.CLASS


def test_a_new_link_shows_as_a_difference(session):
    guests, teachers = structure_group(session, Profile.GUEST), structure_group(session, Profile.TEACHER)
    comm.add_link(session, guests.id, teachers.id)
    differences = groups.matrix_differences(comm.communication_matrix(session))
    assert differences == [(Profile.GUEST, Profile.TEACHER, "yes", "no")]


def test_members_editable_only_for_manual_and_teaching_groups(session):
    kinds = {}
    for group in session.store.find(Group, "structure", session.structure_id):
        kinds.setdefault(group.type, set()).add(groups.members_editable(group))
    assert kinds[GroupType.MANUAL] == {True}
    assert kinds[GroupType.TEACHING] == {True}
    assert kinds[GroupType.PROFILE] == {False}
