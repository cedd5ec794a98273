"""What the group's members and rules screens share (screens/group_screen.py):
they follow another session's writes, close with a toast when the group is
deleted elsewhere, and stop following the store once closed."""

from __future__ import annotations

import pytest

from entconsole import labels as L
from entconsole.screens.group_members import GroupMembersScreen
from entconsole.screens.group_rules import GroupRulesScreen
from entconsole.screens.main import MainScreen
from entconsole.services.groups import delete_group, rename_group
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY
from tests.ui.conftest import SIZE, screen_text
from tests.ui.test_groups import group_named, open_group, toasts

# the key that opens each screen from the Groupes section
SCREENS = [pytest.param("enter", GroupMembersScreen, id="members"), pytest.param("r", GroupRulesScreen, id="rules")]


@pytest.mark.parametrize(("key", "screen_class"), SCREENS)
async def test_follows_another_session_then_closes_when_the_group_is_deleted(
    make_app, demo_path, clock, key, screen_class
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.store
        chorale = group_named(app, "Chorale 2024-2025")
        followers = len(store.on_reload)
        await open_group(pilot, "Chorale 2024-2025", "chor")
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, screen_class) and screen.group.id == chorale.id
        assert len(store.on_reload) == followers + 1

        other = Session.open(Store(demo_path, clock=clock), None, TODAY)
        rename_group(other, chorale.id, "Chorale du jeudi")
        store.refresh()  # what the console's poll does every two seconds
        await pilot.pause()
        assert app.screen is screen and screen.group.name == "Chorale du jeudi"
        assert "Chorale du jeudi" in screen_text(app)

        delete_group(other, chorale.id)
        store.refresh()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert L.GROUP_UNKNOWN in toasts(app)
        assert len(store.on_reload) == followers  # the closed screen follows no more
