"""The `f` key shared by Utilisateurs and a group's members (screens/filter_panel_host.py):
it opens the filters panel, closes it back to the list, and says a refusal."""

from __future__ import annotations

import pytest

from entconsole.screens import group_members, users
from entconsole.screens.group_members import GroupMembersScreen
from entconsole.screens.users import UsersSection
from entconsole.services.errors import ServiceError
from entconsole.widgets.filter_panel import FilterCategories
from tests.ui.conftest import SIZE
from tests.ui.test_groups import open_group, toasts


async def open_host(pilot, where: str):
    """The Utilisateurs section, or the members screen of the choir; the host of the panel."""
    app = pilot.app
    if where == "users":
        await pilot.press("2")
        await pilot.pause()
        return app.main_screen.query_one(UsersSection)
    await open_group(pilot, "Chorale 2024-2025", "chor")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, GroupMembersScreen)
    return app.screen


@pytest.mark.parametrize("where", ["users", "members"])
async def test_f_opens_and_closes_the_panel(make_app, where):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        host = await open_host(pilot, where)
        assert not host.panel_open and not host.has_class("-filters-open")
        await pilot.press("f")
        await pilot.pause()
        assert host.panel_open and host.has_class("-filters-open")
        assert isinstance(app.focused, FilterCategories)
        host.action_filters()  # `f` itself goes to the panel's categories there
        await pilot.pause()
        assert not host.panel_open and not host.has_class("-filters-open")
        assert app.focused is host.filtered_list()


@pytest.mark.parametrize(("where", "module"), [("users", users), ("members", group_members)])
async def test_a_refused_panel_is_said_and_stays_closed(make_app, monkeypatch, where, module):
    def refused(session):
        raise ServiceError("Refusé pour ce test.")

    monkeypatch.setattr(module, "filter_facets", refused)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        host = await open_host(pilot, where)
        await pilot.press("f")
        await pilot.pause()
        assert not host.panel_open and not host.has_class("-filters-open")
        assert "Refusé pour ce test." in toasts(app)
