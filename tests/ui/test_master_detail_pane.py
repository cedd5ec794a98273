"""The master/detail behaviour shared by Services › Applications and Widgets (screens/master_detail_pane.py)."""

from __future__ import annotations

from textual.widgets import OptionList

from entconsole.screens.main import MainScreen
from entconsole.services import apps
from entconsole.services.errors import ServiceError
from tests.ui.conftest import SIZE
from tests.ui.test_services import notifications, open_tab


async def test_widgets_detail_follows_the_list_and_enter_goes_to_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 2)
        await pilot.pause()
        pane = app.screen.query_one("#wdg-pane")
        listing = app.screen.query_one("#wdg-list", OptionList)
        right = app.screen.query_one("#wdg-right")
        assert app.focused is listing
        first, second = pane.items[0], pane.items[1]
        assert pane.current is first and right.border_title == first.widget.display_name
        await pilot.press("down")
        await pilot.pause()
        assert pane.current is second and right.border_title == second.widget.display_name
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#wdg-groups", OptionList)
        assert pane.current is second  # Enter on the list changed nothing but the focus


async def test_a_refused_group_list_is_said_and_opens_no_picker(make_app, monkeypatch):
    def refused(session):
        raise ServiceError("Refusé pour ce test.")

    monkeypatch.setattr(apps, "pickable_groups", refused)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        writes = app.store.write_count
        await pilot.press("enter")  # to the first application's roles
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "Refusé pour ce test." in notifications(app)
        assert app.store.write_count == writes
