"""Every tabbed section switches tabs with the same keys: < and > (plus its letters).

The keys show in the footer ("< > Onglets") and in the help (?).
"""

from __future__ import annotations

import pytest

from entconsole import labels as L
from entconsole.screens.help import HelpScreen
from entconsole.widgets.section_tabs import SectionTabs
from tests.ui.conftest import SIZE, screen_text

# section key, its tabs widget
TABBED = [("1", "#est-tabs"), ("3", "#grp-tabs"), ("4", "#svc-tabs"), ("6", "#rpt-tabs")]


async def until(pilot, condition, what: str) -> None:
    """Wait for the state the next key needs (between keys, a loaded machine may lag)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), what


def focus_in(app, widget) -> bool:
    return app.focused is not None and widget in app.focused.ancestors_with_self


def help_text(app) -> str:
    return str(app.screen.query_one("#help-table").render())


@pytest.mark.parametrize("key, tabs_id", TABBED)
async def test_less_and_greater_switch_tabs_everywhere(make_app, key, tabs_id):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        tabs = app.screen.query_one(tabs_id, SectionTabs)
        await until(pilot, lambda: focus_in(app, tabs), "focus in the section's tabs")
        ids = tabs.pane_ids
        assert len(ids) >= 2
        first = tabs.active
        await pilot.press("greater_than_sign")
        second = ids[(ids.index(first) + 1) % len(ids)]
        # the focus goes into the new tab: the keys still work from there
        await until(pilot, lambda: tabs.active == second and focus_in(app, tabs.get_pane(second)), "next tab")
        assert "<>" in screen_text(app)  # in the footer (its label may be cut on a crowded one)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert L.KEY_SR_NEXT_TAB in text and L.KEY_SR_PREV_TAB in text
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen) and focus_in(app, tabs), "help closed")
        await pilot.press("less_than_sign")
        await until(pilot, lambda: tabs.active == first, "previous tab")


async def test_establishment_keeps_its_letters(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        tabs = app.screen.query_one("#est-tabs", SectionTabs)
        await until(pilot, lambda: focus_in(app, tabs), "focus in the tabs")
        await pilot.press("m")
        await until(pilot, lambda: tabs.active == "est-flash" and focus_in(app, tabs.get_pane("est-flash")), "flash")
        await pilot.press("greater_than_sign")
        await until(pilot, lambda: tabs.active == "est-block" and focus_in(app, tabs.get_pane("est-block")), "block")
        await pilot.press("i")
        await until(pilot, lambda: tabs.active == "est-info", "info")
