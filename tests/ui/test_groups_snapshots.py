"""Snapshots of Groupes: each tab, the members screen, the rules, the matrix, a user's rules.

Fixed demo data, fixed day (TODAY), fixed terminal size. Regenerate after a
deliberate change with
``pytest tests/ui/test_groups_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from entconsole.models import Profile
from entconsole.screens.user_rules import UserRulesScreen
from entconsole.services.users import UserQuery, query_users
from tests.ui.conftest import SIZE


def test_manual_groups_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3"], terminal_size=SIZE)


def test_profile_groups_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", ">"], terminal_size=SIZE)


def test_teaching_groups_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", ">", ">"], terminal_size=SIZE)


def test_classes_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", ">", ">", ">"], terminal_size=SIZE)


def test_members_screen(snap_compare, make_app):
    """RESP-AFFECT-GAR: the school's accounts on the left, the group's on the right."""
    assert snap_compare(make_app(), press=["3", "down", "down", "down", "enter"], terminal_size=SIZE)


def test_members_screen_filters(snap_compare, make_app):
    """The guide's flow half-way: Profils > Enseignant ticked, the panel open."""
    assert snap_compare(
        make_app(), press=["3", "down", "down", "down", "enter", "f", "enter", "space"], terminal_size=SIZE
    )


def test_group_rules(snap_compare, make_app):
    """The teachers of the school: who they see, who sees them."""
    assert snap_compare(make_app(), press=["3", ">", "down", "r"], terminal_size=SIZE)


def test_matrix(snap_compare, make_app):
    assert snap_compare(make_app(), press=["3", "m"], terminal_size=SIZE)


def test_user_rules(snap_compare, make_app):
    app = make_app()

    async def open_rules(pilot) -> None:
        store, sid = app.session.store, app.session.structure_id
        pupil = next(
            u for u in query_users(store, sid, UserQuery(profiles=frozenset({Profile.STUDENT})))
            if u.relatives and u.classes
        )
        app.push_screen(UserRulesScreen(app.session, pupil.id))
        await pilot.pause()

    assert snap_compare(app, run_before=open_rules, terminal_size=SIZE)
