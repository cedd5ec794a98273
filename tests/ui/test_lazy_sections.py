"""Issue 9 follow-up: a section is built when first shown; on a large store, hidden
tabs refresh when shown again and Accueil's figures are computed in a thread.

"Large" is the demo with the threshold lowered to 0 (monkeypatch), so that these
tests run at demo size; the demo itself keeps the synchronous behaviour.
"""

from __future__ import annotations

import entconsole.screens.shown_data as shown_data
from entconsole import labels as L
from entconsole.models import Profile, User
from entconsole.screens.home import accounts_table, attention_table
from entconsole.services.home import home_figures
from entconsole.services.rentree import checklist
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.ui.conftest import SIZE, screen_text


def _other_session_blocks(demo_path, sid: str) -> str:
    other = Store(demo_path, create=False)
    target = next(u for u in structure_users(other, sid) if not u.blocked and u.profile is Profile.STUDENT)
    with other.transaction("someone", "user.block", structure_id=sid) as tx:
        tx.put(target.model_copy(update={"blocked": True}))
        tx.journal("block", targets=[target.id])
    return target.id


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_sections_are_built_when_first_shown(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main_screen
        built = {s.SECTION_ID for s in main.sections if s.built}
        assert built == {"home", "reports"}  # reports: its tab badge is there from the start
        groups = main.section("groups")
        assert not groups.children  # nothing composed is mounted yet
        app.refresh_data()  # another session's write: an unbuilt section is left alone
        await pilot.press("3")
        await _settle(app, pilot)
        assert groups.built and groups.children
        assert main.current_section == "groups"
        assert groups.display and not main.section("home").display


async def test_leaving_before_the_build_ends_keeps_the_last_section(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main_screen
        app.show_section("imports")
        app.show_section("users")  # before the first one is built
        await _settle(app, pilot)
        assert main.current_section == "users"
        assert main.section("users").display and not main.section("imports").display
        assert main.section("imports").built  # built all the same, for next time


async def test_large_store_home_figures_come_from_a_thread(make_app, monkeypatch):
    monkeypatch.setattr(shown_data, "BACKGROUND_USERS", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.main_screen.section("home")
        home.refresh_data()
        assert any(w.group == "home-figures" and w.node is home for w in app.workers)  # in a thread
        await _settle(app, pilot)
        figures = home_figures(app.session)
        report = checklist(app.session)
        assert home.query_one("#home-accounts").render() == accounts_table(figures)
        assert home.query_one("#home-attention").render() == attention_table(figures)
        text = screen_text(app)
        assert report.progress in text and L.HOMELAZY_COMPUTING not in text
        assert not any(w.group == "home-figures" for w in app.workers)  # done, nothing left running


async def test_large_store_home_stops_its_thread_when_left_and_catches_up(make_app, demo_path, monkeypatch):
    monkeypatch.setattr(shown_data, "BACKGROUND_USERS", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        home = app.main_screen.section("home")
        home.refresh_data()  # a computation in flight (the Show event may start another)
        app.show_section("users")  # asked to stop between two steps
        assert all(w.is_cancelled for w in app.workers if w.group == "home-figures")
        await _settle(app, pilot)
        # another session blocks a pupil while Accueil is hidden: not recomputed now
        sid = app.session.structure_id
        before = home_figures(app.session).blocked
        _other_session_blocks(demo_path, sid)
        app.action_refresh()
        await _settle(app, pilot)
        assert home_figures(app.session).blocked == before + 1
        assert home._refresh_pending
        blocked_line = home.query_one("#home-attention").render().plain.splitlines()[1]
        assert blocked_line.endswith(f"{before:>6}")  # as it was
        # shown again: computed then
        app.show_section("home")
        await _settle(app, pilot)
        assert not home._refresh_pending
        assert home.query_one("#home-attention").render() == attention_table(home_figures(app.session))
        assert checklist(app.session).progress in screen_text(app)


async def test_large_store_mass_block_rows_wait_for_their_tab(make_app, demo_path, monkeypatch):
    monkeypatch.setattr(shown_data, "BACKGROUND_USERS", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.show_section("establishment")
        await _settle(app, pilot)
        pane = app.main_screen.query_one("#block-pane")
        assert pane._refresh_pending and not pane.rows  # its tab is not the one shown
        app.show_section("establishment", "mass_block")
        await _settle(app, pilot)
        assert not pane._refresh_pending
        students = pane.rows[Profile.STUDENT]
        # another session's write while the tab is shown: refreshed at once
        sid = app.session.structure_id
        _other_session_blocks(demo_path, sid)
        app.action_refresh()
        await _settle(app, pilot)
        assert pane.rows[students.profile].blocked == students.blocked + 1


async def test_small_store_hidden_home_still_refreshed_at_once(make_app, demo_path):
    """At demo size nothing is deferred: Accueil's figures follow a write while hidden."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.show_section("users")
        await _settle(app, pilot)
        home = app.main_screen.section("home")
        _other_session_blocks(demo_path, app.session.structure_id)
        app.action_refresh()
        await _settle(app, pilot)
        assert not home._refresh_pending
        assert home.query_one("#home-attention").render() == attention_table(home_figures(app.session))
        assert app.store.count(User) < shown_data.BACKGROUND_USERS


async def test_main_screen_opened_on_another_section_builds_home_when_shown(make_app):
    """After a change of school the main screen reopens on the section that was shown:
    Accueil is then not built, and fills itself when first shown."""
    from entconsole.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.switch_screen(MainScreen(app.session, "users"))
        await _settle(app, pilot)
        home = app.main_screen.section("home")
        assert app.main_screen.current_section == "users" and not home.built
        home.refresh_data()  # what an action of another section asks (REFRESHES_HOME)
        assert home._refresh_pending
        await pilot.press("0")
        await _settle(app, pilot)
        assert home.built and not home._refresh_pending
        assert home.query_one("#home-attention").render() == attention_table(home_figures(app.session))
        assert checklist(app.session).progress in screen_text(app)


async def test_large_store_indexes_warmed_once_the_users_list_is_shown(make_app, monkeypatch):
    """The accounts' indexes are built in a thread after the users list is drawn, the
    list being built on its first showing (so not at the next refresh after the key)."""
    import entconsole.app as app_module

    monkeypatch.setattr(app_module, "SYNC_RELOAD_USERS", 0)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        indexes = app.store._state.indexes["users"].values()
        assert any(index._map is None for index in indexes)
        warmed = []
        monkeypatch.setattr(app, "warm_store", lambda: warmed.append(app.main_screen.section("users").shown_state))
        app.show_section("users")
        await _settle(app, pilot)
        assert warmed and warmed[0] is not None  # called once the list showed its rows
        app.warm_store = app_module.EntConsoleApp.warm_store.__get__(app)
        app.show_section("home")
        app.show_section("users")
        await _settle(app, pilot)
        assert all(index._map is not None for index in indexes)
