"""Section 4, Services, by keyboard: roles, connectors (create, refuse, delete), widgets."""

from __future__ import annotations

from textual.widgets import Input, OptionList, SelectionList

from entconsole import labels as L
from entconsole.models import Application, Connector, ConnectorTarget, Group, Widget
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.connector_form import ConnectorForm
from entconsole.screens.main import MainScreen
from entconsole.screens.services import ServicesSection
from entconsole.services import apps
from entconsole.services.apps import ConnectorFields
from entconsole.widgets.group_picker import GroupPicker
from tests.ui.conftest import SIZE, screen_text


def section(app) -> ServicesSection:
    return app.screen.query_one(ServicesSection)


async def until(pilot, condition, what: str) -> None:
    """Wait for a state the next key depends on (a busy machine may still be getting there).

    Between the keys of one `pilot.press`, Textual only waits until the process
    looks idle (CPU time against wall time), which a loaded machine fakes: a key
    could reach the screen before the focus or the dialog it needs.
    """
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition(), what


async def open_tab(pilot, app, presses: int) -> None:
    """Section 4, then `>` `presses` times, each once the focus is inside the tabs."""
    await pilot.press("4")
    tabs = app.screen.query_one("#svc-tabs")
    await until(pilot, lambda: app.focused is not None and tabs in app.focused.ancestors, "focus in Services")
    ids = tabs.pane_ids
    for _ in range(presses):
        wanted = ids[(ids.index(tabs.active) + 1) % len(ids)]
        await pilot.press("greater_than_sign")
        pane = tabs.get_pane(wanted)
        await until(
            pilot,
            lambda: tabs.active == wanted and app.focused is not None and pane in app.focused.ancestors,
            f"focus in {wanted}",
        )


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def highlight(listing: OptionList, option_id: str) -> None:
    """Move the highlight with the keyboard's effect, checked by id (tests only)."""
    index = next(i for i in range(listing.option_count) if listing.get_option_at_index(i).id == option_id)
    listing.highlighted = index


async def test_grant_then_remove_a_role_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        store = app.store
        apps_list = app.screen.query_one("#apps-list", OptionList)
        assert app.focused is apps_list
        # the last application, "Mur collaboratif": its first role has no group
        await pilot.press("end", "enter")
        roles = app.screen.query_one("#apps-roles", OptionList)
        assert app.focused is roles
        assert L.APP_ROLE_NO_GROUP in screen_text(app)
        application = next(a for a in store.all(Application) if a.display_name == "Mur collaboratif")
        role = application.roles[0]
        assert roles.highlighted_option.id == f"role|{role.id}"

        await pilot.press("a")
        assert isinstance(app.screen, GroupPicker)
        await pilot.press(*"ulis")
        await pilot.pause()
        picker_list = app.screen.query_one(SelectionList)
        assert picker_list.option_count == 1
        writes = store.write_count
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.write_count == writes + 1
        ulis = next(g for g in store.all(Group) if g.name == "ULIS" and g.structure_id == app.session.structure_id)
        assert store.get(Application, application.id).roles[0].groups == (ulis.id,)
        assert L.APP_ROLE_GRANTED_ONE.format(role=role.name, group="ULIS") in notifications(app)
        assert L.APP_ROLE_NO_GROUP not in screen_text(app).split(role.name)[1].split(application.roles[1].name)[0]

        # tick two groups with Space, add both in one write
        await pilot.press("a")
        await pilot.press("down")  # from the search field to the list
        await pilot.press("space", "down", "space", "enter")
        await pilot.pause()
        assert store.write_count == writes + 2
        assert len(store.get(Application, application.id).roles[0].groups) == 3

        # remove ULIS: highlight its row, d, confirm
        highlight(roles, f"group|{role.id}|{ulis.id}")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "ULIS" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert store.write_count == writes + 3
        assert ulis.id not in store.get(Application, application.id).roles[0].groups


async def test_cancelling_writes_nothing_and_escape_clears_search_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        writes = app.store.write_count
        await pilot.press("enter", "a", "escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("d")  # on a role row: says to pick a group
        assert L.APP_PICK_GROUP in notifications(app)
        assert app.store.write_count == writes

        await pilot.press("slash", *"blog")
        search = app.screen.query_one("#apps-search", Input)
        assert app.focused is search
        apps_list = app.screen.query_one("#apps-list", OptionList)
        assert apps_list.option_count == 1
        await pilot.press("escape")  # clears the search, stays in Services
        assert search.value == "" and apps_list.option_count > 1
        assert app.screen.current_section == "services"
        await pilot.press("escape")
        assert app.screen.current_section == "home"


async def test_create_a_connector_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 1)
        await pilot.pause()
        store = app.store
        writes = store.write_count
        count = len(apps.structure_connectors(app.session))
        await pilot.press("n")
        assert isinstance(app.screen, ConnectorForm)
        await pilot.press(*"lec", "tab", *"Lecture", "tab", *"lec.fr", "enter")
        await pilot.pause()
        # refused: the form stays open and says why, beside the URL
        assert isinstance(app.screen, ConnectorForm)
        assert L.CONN_BAD_URL.split(" et ")[0] in screen_text(app)
        assert store.write_count == writes
        assert app.focused is app.screen.query_one("#cform-url", Input)
        # fix the URL, choose "Nouvelle page", save
        await pilot.press("ctrl+u", *"http://lec.fr", "tab", "tab")
        assert app.focused is app.screen.query_one("#cform-target")
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.write_count == writes + 1
        created = next(c for c in store.all(Connector) if c.identifier == "lec")
        assert (created.display_name, created.url, created.target) == ("Lecture", "http://lec.fr", ConnectorTarget.NEW_PAGE)
        assert len(apps.structure_connectors(app.session)) == count + 1
        assert L.CONN_CREATED.format(name="Lecture") in notifications(app)
        # the new connector is highlighted in the list
        listing = app.screen.query_one("#conn-list", OptionList)
        assert listing.highlighted_option.id == created.id

        # a second one with the same Identifiant is refused
        await pilot.press("n", *"LEC", "tab", *"B", "tab", *"http://b.fr", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConnectorForm)
        assert "déjà utilisé" in screen_text(app)
        await pilot.press("escape")
        assert store.write_count == writes + 1


async def test_edit_grant_withdraw_and_delete_a_connector(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 1)
        await pilot.pause()
        store = app.store
        connector = next(c for c in apps.structure_connectors(app.session) if c.identifier == "lire-en-ligne")
        listing = app.screen.query_one("#conn-list", OptionList)
        highlight(listing, connector.id)
        await pilot.pause()
        # edit: Enter opens the form filled in; the secret field hides its text
        await pilot.press("enter")
        assert isinstance(app.screen, ConnectorForm)
        assert app.screen.query_one("#cform-oauth_secret", Input).password
        assert app.screen.query_one("#cform-display_name", Input).value == "Lire en ligne"
        await pilot.press("tab", "ctrl+u", *"Lire !", "enter")
        await pilot.pause()
        assert store.get(Connector, connector.id).display_name == "Lire !"
        assert store.get(Connector, connector.id).oauth_secret == connector.oauth_secret

        writes = store.write_count
        await pilot.press("a")
        assert isinstance(app.screen, GroupPicker)
        await pilot.press("enter")  # the highlighted (first) group
        await pilot.pause()
        assert len(store.get(Connector, connector.id).groups) == 1
        await pilot.press("tab")
        groups = app.screen.query_one("#conn-groups", OptionList)
        assert app.focused is groups
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Connector, connector.id).groups == ()
        assert store.write_count == writes + 2

        await pilot.press("shift+tab", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Lire !" in screen_text(app)
        await pilot.press("escape")
        assert store.get(Connector, connector.id) is not None
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Connector, connector.id) is None
        assert store.write_count == writes + 3


async def test_locked_and_inherited_connectors_say_they_are_read_only(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 1)
        await pilot.pause()
        store = app.store
        listing = app.screen.query_one("#conn-list", OptionList)
        writes = store.write_count
        for flag, reason in (("locked", L.CONN_READ_ONLY_LOCKED), ("inherited", L.CONN_READ_ONLY_INHERITED)):
            connector = next(c for c in apps.structure_connectors(app.session) if getattr(c, flag))
            highlight(listing, connector.id)
            await pilot.pause()
            assert reason.split(" : ")[0] in screen_text(app)
            await pilot.press("enter", "a", "d")
            assert isinstance(app.screen, MainScreen)  # no form, picker or confirmation
            assert notifications(app).count(reason) == 3
        assert store.write_count == writes


async def test_widgets_pin_and_grant(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 2)
        await pilot.pause()
        store = app.store
        birthday = next(w for w in store.all(Widget) if w.display_name == "Anniversaires")
        highlight(app.screen.query_one("#wdg-list", OptionList), birthday.id)
        await pilot.pause()
        assert L.WDG_NO_GROUP in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert store.get(Widget, birthday.id).pinned_structures == (app.session.structure_id,)
        widget_list = app.screen.query_one("#wdg-list", OptionList)
        assert str(widget_list.highlighted_option.prompt).startswith(L.WDG_PINNED_ICON)
        assert app.screen.query_one("#wdg-pin").value is True
        await pilot.press("a", *"upe2a", "enter")
        await pilot.pause()
        upe2a = next(g for g in store.all(Group) if g.name == "UPE2A" and g.structure_id == app.session.structure_id)
        assert store.get(Widget, birthday.id).groups == (upe2a.id,)
        await pilot.press("p")
        await pilot.pause()
        assert store.get(Widget, birthday.id).pinned_structures == ()
        assert not str(widget_list.highlighted_option.prompt).startswith(L.WDG_PINNED_ICON)
        # the checkbox pins too (Space on it)
        writes = store.write_count
        app.screen.query_one("#wdg-pin").focus()
        await pilot.press("space")
        await pilot.pause()
        assert store.get(Widget, birthday.id).pinned_structures == (app.session.structure_id,)
        assert store.write_count == writes + 1


async def test_names_are_shown_literally(make_app, demo_path):
    from entconsole.services.session import Session
    from entconsole.store import Store
    from tests.conftest import TODAY

    session = Session.open(Store(demo_path), None, TODAY)
    name = "[bold]Gras[/] [@click=app.quit]x[/]"
    apps.create_connector(session, ConnectorFields(identifier="piege", display_name=name, url="https://piege.example/"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, app, 1)
        await pilot.pause()
        created = next(c for c in app.store.all(Connector) if c.identifier == "piege")
        highlight(app.screen.query_one("#conn-list", OptionList), created.id)
        await pilot.pause()
        assert name in screen_text(app)
        await pilot.press("d")
        assert name in screen_text(app)  # in the confirmation too
        await pilot.press("escape")
        assert app.is_running
