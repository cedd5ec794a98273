"""Choosing and switching the structure (the district advisor, two schools)."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from entconsole import labels as L
from entconsole.models import Structure
from entconsole.screens.main import MainScreen
from entconsole.screens.picker import StructurePicker
from entconsole.services.session import administered_structures, find_login
from entconsole.store import Store
from entconsole.widgets.header import ConsoleHeader
from tests.ui.conftest import SIZE, screen_text


def scope(demo_path, login) -> list[Structure]:
    store = Store(demo_path, create=False)
    return administered_structures(store, find_login(store, login))


def picker_names(app) -> list[str]:
    options = app.screen.query_one("#picker-list", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


def header_structure(app) -> str:
    return app.screen.query_one(ConsoleHeader).structure_text


def a_word_of(structure: Structure, other: Structure) -> str:
    """A word of one school's name that the other's does not contain."""
    return next(w for w in structure.name.split() if w.lower() not in other.name.lower())


async def test_advisor_picks_then_switches(make_app, demo_path, advisor_login):
    first, second = scope(demo_path, advisor_login)
    app = make_app(advisor_login)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # no structure yet: the picker, listing both schools
        assert isinstance(app.screen, StructurePicker)
        assert app.session.needs_structure_choice
        assert picker_names(app) == [first.id, second.id]
        assert L.PICKER_SEARCH in screen_text(app)
        # cannot be cancelled, and section keys go to the search field
        await pilot.press("escape", "2")
        assert isinstance(app.screen, StructurePicker)
        assert app.screen.query_one(Input).value == "2"
        await pilot.press("backspace")

        # typing filters the list (accent- and case-insensitive, by name or UAI)
        await pilot.press(*a_word_of(second, first).lower())
        assert picker_names(app) == [second.id]
        await pilot.press(*"zzz")
        assert picker_names(app) == []
        assert L.PICKER_NONE in screen_text(app)
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, MainScreen)
        assert app.session.structure_id == second.id
        assert header_structure(app) == f"{second.name} – {second.uai}"
        assert second.name in screen_text(app)

        # switch later with e, from another section: the section is kept
        await pilot.press("2", "e")
        assert isinstance(app.screen, StructurePicker)
        assert L.PICKER_CURRENT in screen_text(app)
        await pilot.press("escape")  # cancel: nothing changes
        assert isinstance(app.screen, MainScreen)
        assert app.session.structure_id == second.id

        await pilot.press("e")
        await pilot.press(*first.uai)  # search by UAI
        assert picker_names(app) == [first.id]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.structure_id == first.id
        assert header_structure(app) == f"{first.name} – {first.uai}"
        assert app.screen.current_section == "users"
        assert app.screen.query_one("#section-users").display

        # arrows move in the list while typing; Enter picks the highlighted school
        await pilot.press("e", "down", "enter")
        await pilot.pause()
        assert app.session.structure_id == second.id


async def test_names_are_never_markup(make_app, demo_path, advisor_login):
    """A school named with Rich/Textual markup shows literally (header, picker, title)."""
    store = Store(demo_path, create=False)
    structure = scope(demo_path, advisor_login)[0]
    odd = "École [bold]Rouge[/] [@click=app.quit]x[/] & [red]"
    with store.transaction("test", "structure.rename") as tx:
        tx.put(structure.model_copy(update={"name": odd}))
        tx.journal("rename")

    app = make_app(advisor_login)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert odd in screen_text(app)  # in the picker
        options = app.screen.query_one("#picker-list", OptionList)
        index = next(i for i in range(options.option_count)
                     if options.get_option_at_index(i).id == structure.id)
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.is_running  # the [@click=app.quit] was not an action
        assert f"{odd} – {structure.uai}" in screen_text(app)  # in the header
        assert odd in app.sub_title
