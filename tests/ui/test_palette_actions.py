"""The command palette (ctrl+p) runs each section's main actions, not only the sections."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import ContentSwitcher

from entconsole import labels as L
from entconsole.screens.comm_matrix import CommMatrixScreen
from entconsole.screens.connector_form import ConnectorForm
from entconsole.screens.flash_form import FlashFormScreen
from entconsole.screens.group_dialogs import GroupNameDialog
from entconsole.screens.main import MainScreen, SECTION_BY_ID
from entconsole.screens.palette_actions import section_action_commands
from entconsole.screens.user_create import CreateUserScreen
from entconsole.widgets.section_tabs import SectionTabs
from tests.ui.conftest import SIZE


def visible_section(app) -> str:
    return (app.screen.query_one(ContentSwitcher).current or "").removeprefix("section-")


def prompts(app) -> list[str]:
    options = app.screen.query_one("CommandList")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def run_from_palette(app, pilot, title: str, expected) -> None:
    """Type the title in the palette, pick that entry, wait for `expected()` (the search runs in the background)."""
    await pilot.press("ctrl+p")
    assert CommandPalette.is_open(app)
    await pilot.press(*title)
    for _ in range(200):
        if any(title in text for text in prompts(app)):
            break
        await pilot.pause(0.02)
    found = prompts(app)
    index = next((i for i, text in enumerate(found) if title in text), None)
    assert index is not None, found
    app.screen.query_one("CommandList").highlighted = index
    await pilot.press("enter")
    for _ in range(200):
        if expected():
            return
        await pilot.pause(0.02)
    assert expected(), title


def test_every_entry_names_a_section_and_a_target():
    for title, help_text, section_id, target in L.QP_PALETTE_ACTIONS:
        assert title and help_text and target
        assert section_id in SECTION_BY_ID, section_id


@pytest.mark.parametrize(
    "title, screen_type",
    [
        ("Créer un message flash", FlashFormScreen),
        ("Créer un utilisateur", CreateUserScreen),
        ("Créer un groupe manuel", GroupNameDialog),
        ("Qui peut communiquer avec qui ?", CommMatrixScreen),
        ("Créer un connecteur", ConnectorForm),
    ],
)
async def test_palette_opens_the_action(make_app, title, screen_type):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_from_palette(app, pilot, title, lambda: isinstance(app.screen, screen_type))


async def test_palette_opens_a_tab(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_from_palette(
            app, pilot, "Historique des signalements",
            lambda: isinstance(app.screen, MainScreen) and visible_section(app) == "reports",
        )
        assert app.screen.query_one("#rpt-tabs", SectionTabs).active.endswith("history")
        await run_from_palette(app, pilot, "Blocage en lot", lambda: visible_section(app) == "establishment")
        assert app.screen.query_one("#est-tabs", SectionTabs).active == "est-block"


async def test_entries_say_where_they_lead(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c.help for c in section_action_commands(app)}
        assert len(commands) == len(L.QP_PALETTE_ACTIONS)
        assert commands["Créer un utilisateur"].endswith("Utilisateurs (touche 2)")
