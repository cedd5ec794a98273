"""Snapshots of the user card and of the creation form (fixed demo, day and size).

Regenerate after a deliberate change with
``pytest tests/ui/test_user_card_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from entconsole.models import Profile, Source
from entconsole.screens.user_card import UserCardScreen
from entconsole.screens.user_create import open_create_user
from entconsole.services.users import UserQuery, query_users
from tests.ui.conftest import SIZE


def onde_pupil_with_duplicate(app):
    """A pupil with two parents, a class and a Bloquant duplicate (many sections)."""
    session = app.session
    query = UserQuery(profiles=frozenset({Profile.STUDENT}), duplicates=True)
    return next(
        u for u in query_users(session.store, session.structure_id, query)
        if u.source is Source.AAF1D and u.relatives
    )


def test_user_card_pupil(snap_compare, make_app):
    app = make_app()

    async def open_card(pilot):
        await pilot.pause()
        app.push_screen(UserCardScreen(app.session, onde_pupil_with_duplicate(app).id))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_card)


def test_create_user_form_with_errors(snap_compare, make_app):
    app = make_app()

    async def submit_incomplete_pupil(pilot):
        await pilot.pause()
        open_create_user(app, app.session)
        await pilot.pause()
        await pilot.press("tab", *"Durand", "tab", "tab", "enter", "É", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=submit_incomplete_pupil)
