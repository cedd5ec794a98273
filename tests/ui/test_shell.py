"""The console shell: sections by key, help, palette, Escape, quit (director)."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import ContentSwitcher

from entconsole import labels as L
from entconsole.screens.help import HelpScreen
from entconsole.screens.main import SECTIONS, MainScreen
from entconsole.screens.user_create import CreateUserScreen
from entconsole.screens.section import PlaceholderSection, Section
from entconsole.services.home import home_figures
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.section_bar import SectionBar
from tests.ui.conftest import SIZE, screen_text

def help_text(app) -> str:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one("#help-table").render().plain


SECTION_KEYS = [(s.KEY, s.SECTION_ID) for s in SECTIONS]


def visible_section(app) -> Section:
    """The one section the admin sees (checked on the widgets, not on our state)."""
    main = app.screen
    assert isinstance(main, MainScreen)
    shown = [s for s in main.query(Section) if s.display and s.region.area > 0]
    assert len(shown) == 1, shown
    assert main.query_one(ContentSwitcher).current == shown[0].id
    assert main.query_one(SectionBar).current == shown[0].SECTION_ID
    return shown[0]


async def test_sections_by_key_help_palette(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert visible_section(app).SECTION_ID == "home"
        header = app.screen.query_one(ConsoleHeader)
        structure = app.session.structure
        assert header.structure_text == f"{structure.name} – {structure.uai}"
        assert app.session.admin.display_name in screen_text(app)

        # every section by its key, each time a different one
        for key, section_id in SECTION_KEYS[1:] + SECTION_KEYS[:1]:
            before = visible_section(app).SECTION_ID
            await pilot.press(key)
            section = visible_section(app)
            assert section.SECTION_ID == section_id != before
            text = screen_text(app)
            assert L.SECTION_TITLE[section_id] in text
            if isinstance(section, PlaceholderSection):
                assert L.SECTION_COMING in text
                for name, _ in L.SECTION_CONTENT[section_id]:
                    assert name in text

        # Escape from a section goes back to Accueil; at Accueil it does nothing
        await pilot.press("3")
        assert visible_section(app).SECTION_ID == "groups"
        await pilot.press("escape")
        assert visible_section(app).SECTION_ID == "home"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

        # ? opens the help, listing the keys of this screen; Escape closes it
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert L.HELP_TITLE in screen_text(app)
        text = help_text(app)
        for section in SECTIONS:
            assert f"{section.KEY} {section.title()}" in " ".join(text.split())
        assert L.KEY_QUIT in text
        assert L.KEY_BACK_HOME not in text  # nothing to go back to from Accueil
        # the director has one school: no structure switch offered
        assert L.KEY_STRUCTURE not in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

        # ctrl+p opens the palette; a typed command runs
        await pilot.press("ctrl+p")
        assert CommandPalette.is_open(app)
        await pilot.press(*"signal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert visible_section(app).SECTION_ID == "reports"

        # ctrl+q quits
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_palette_lists_every_action(make_app, advisor_login):
    app = make_app(advisor_login)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # first school
        titles = [c.title for c in app.console_commands(app.screen)]
        assert titles == [s.title() for s in SECTIONS] + [
            L.KEY_STRUCTURE,
            L.JOURNALSCR_KEY_OPEN,
            L.JOURNALSCR_KEY_UNDO,
            L.JOURNALSCR_KEY_REFRESH,
            L.PALETTE_HELP,
            L.KEY_QUIT,
        ]
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        text = screen_text(app)
        for title in titles:
            assert title in text
        # accents do not matter: "etablissement" finds "Changer d'établissement"
        await pilot.press(*"changer etab")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "StructurePicker"


async def test_quick_action_opens_its_section(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the quick actions list has focus on Accueil: Enter on the first one
        await pilot.press("enter")
        assert isinstance(app.screen, CreateUserScreen)  # the form, over its section
        await pilot.press("escape")
        await pilot.pause()
        assert visible_section(app).SECTION_ID == "users"
        await pilot.press("0", "down", "down", "enter")  # Blocage en lot
        assert L.QUICK_ACTIONS[2][0] == "Blocage en lot"
        assert visible_section(app).SECTION_ID == "establishment"


async def test_home_shows_the_figures_of_the_service(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        figures = home_figures(app.session)
        text = screen_text(app)
        lines = text.splitlines()

        def count_on_line(label: str) -> int:
            line = next(line for line in lines if label in line)
            rest = line.split(label, 1)[1]
            return int(rest.split("│")[0].split()[-1])

        assert count_on_line(L.HOME_TOTAL) == figures.total
        for profile, count in figures.by_profile.items():
            assert count_on_line(L.PROFILE_PLURAL[profile.value]) == count
        assert count_on_line(L.HOME_INACTIVE) == figures.inactive
        assert count_on_line(L.HOME_BLOCKED) == figures.blocked
        assert count_on_line(L.HOME_DUPLICATES) == figures.duplicates
        assert count_on_line(L.HOME_PENDING_PREDELETION) == figures.pending_predeletion
        assert count_on_line(L.HOME_PREDELETED) == figures.predeleted
        assert count_on_line(L.HOME_FLASH) == figures.flash_current
        # "Signalements à traiter" is also a quick action: the figure is in the right column
        report_lines = [line for line in lines if L.HOME_REPORTS in line]
        assert any(
            line.rsplit(L.HOME_REPORTS, 1)[1].split("│")[0].strip() == str(figures.reports_pending)
            for line in report_lines
        )


async def test_help_follows_remapped_keys(make_app):
    """The help is built from the live bindings: a remapped key shows and works."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"section.users": "u"})
        await pilot.pause()
        await pilot.press("u")
        assert visible_section(app).SECTION_ID == "users"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        line = next(l for l in help_text(app).splitlines() if L.SECTION_TITLE["users"] in l)
        assert line.split()[0] == "u"
        # Escape back from the section is listed here, not on Accueil
        assert L.KEY_BACK_HOME in help_text(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_c_says_how_to_quit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert any("Ctrl+Q" in str(n.message) for n in app._notifications)


async def test_tabs_are_clickable(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(SectionBar)
        start, _end, section_id = next(span for span in bar._spans if span[2] == "users")
        await pilot.click(SectionBar, offset=(start + 2, 0))
        assert visible_section(app).SECTION_ID == section_id


async def test_startup_notice_is_shown_in_the_console(demo_path):
    from entconsole.app import EntConsoleApp
    from tests.conftest import TODAY

    notice = L.CLI_DEMO_CREATED.format(path=demo_path)
    app = EntConsoleApp(db_path=demo_path, today=TODAY, notice=notice)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [n.message for n in app._notifications] == [notice]
